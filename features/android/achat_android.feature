# language: fr
@android
Fonctionnalité: Acheter Parallels Access depuis l'application Android
  Sur Android, le bouton « Acheter l'abonnement » ouvre une fenêtre avec les boutons
  « Acheter l'abonnement » et « OK ». L'achat se poursuit sur la page Parallels Access
  du compte Parallels du client, dans le navigateur du téléphone.

  @R08 @R09 @R10
  Scénario: « OK » ferme la fenêtre et n'achète rien
    Soit un client avec un compte Parallels sans abonnement actif
    Et l'application Parallels Access est ouverte sur Android, connectée à mon compte
    Alors l'application affiche mes ordinateurs
    Et l'application affiche le bouton "Acheter l'abonnement"
    Quand je touche "Acheter l'abonnement" dans l'application
    Alors une fenêtre s'ouvre avec les boutons "Acheter l'abonnement" et "OK"
    Quand je touche "OK" dans la fenêtre
    Alors la fenêtre se ferme et l'application affiche mes ordinateurs
    Et mon compte n'a aucun abonnement actif

  @R01 @R08 @R09 @R11 @R12 @R16 @R17 @R20
  Scénario: « Acheter l'abonnement » mène au compte Parallels où l'achat se termine
    Soit un client avec un compte Parallels sans abonnement actif
    Et l'application Parallels Access est ouverte sur Android, connectée à mon compte
    Alors l'application affiche le bouton "Acheter l'abonnement"
    Quand je touche "Acheter l'abonnement" dans l'application
    Alors une fenêtre s'ouvre avec les boutons "Acheter l'abonnement" et "OK"
    Quand je touche "Acheter l'abonnement" dans la fenêtre
    Alors le navigateur s'ouvre sur la page Parallels Access de mon compte
    Quand je poursuis l'achat du pack "1 an" dans ce navigateur avec une carte valide
    Alors la commande est confirmée avec un numéro de commande
    Et le montant débité est de 19,99 €
    Et mon compte a un abonnement "1 an" actif acheté sur "le site web"
    Quand je relance l'application
    Alors l'application n'affiche pas le bouton "Acheter l'abonnement"
    Et l'application indique mon abonnement "1 an" actif, acheté sur "Site web"

  @R08 @pilote_ordinateurs
  Scénario: Avec 40 ordinateurs, l'application Android les affiche tous en faisant défiler la liste
    Soit un client avec un compte Parallels sans abonnement actif et 40 ordinateurs
    Et l'application Parallels Access est ouverte sur Android, connectée à mon compte
    Alors l'application affiche mes ordinateurs
    Et l'application affiche le bouton "Acheter l'abonnement"
    Et l'application ne propose ni annulation ni remboursement

  @R08 @R15 @R20 @pilote_abonnement
  Scénario: Avec un abonnement acheté sur l'App Store, l'application Android le montre et ne propose pas d'en acheter
    Soit un client dont le compte a un abonnement "1 an" actif acheté sur "l'App Store"
    Et l'application Parallels Access est ouverte sur Android, connectée à mon compte
    Alors l'application indique mon abonnement "1 an" actif, acheté sur "App Store"
    Et l'application n'affiche pas le bouton "Acheter l'abonnement"
    Et l'application ne propose ni annulation ni remboursement

  @R08 @R15 @R20
  Scénario: Avec un abonnement acheté sur le site web, l'application Android le montre et ne propose pas d'en acheter
    Soit un client dont le compte a un abonnement "2 ans" actif acheté sur "le site web"
    Et l'application Parallels Access est ouverte sur Android, connectée à mon compte
    Alors l'application indique mon abonnement "2 ans" actif, acheté sur "Site web"
    Et l'application n'affiche pas le bouton "Acheter l'abonnement"
    Et l'application ne propose ni annulation ni remboursement
