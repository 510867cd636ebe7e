# language: fr
@web
Fonctionnalité: Un abonnement appartient à un seul compte Parallels
  L'abonnement est assigné au compte qui l'achète : il faut l'acheter depuis le compte
  utilisé pour Parallels Access. Un abonnement actif ne se rembourse pas et ne s'annule pas.

  @R14
  Scénario: Se connecter au compte et arriver sur l'onglet Ordinateurs
    Soit un client avec un compte Parallels sans abonnement actif
    Quand je me connecte avec mon adresse e-mail et mon mot de passe
    Et j'ouvre la page Parallels Access, onglet Ordinateurs
    Alors je suis connecté à mon compte
    Et je vois mes ordinateurs

  @R14 @R21
  Scénario: Un mauvais mot de passe est refusé
    Soit un client avec un compte Parallels sans abonnement actif
    Quand je me connecte avec un mauvais mot de passe
    Alors la connexion est refusée avec le message "Adresse e-mail ou mot de passe incorrect."
    Et je ne suis pas connecté

  @R15 @R05
  Scénario: Avec un abonnement actif, le bouton d'achat n'est plus proposé
    Soit un client dont le compte a un abonnement "1 an" actif acheté sur "le site web"
    Et je suis connecté à mon compte Parallels
    Quand j'ouvre la page Parallels Access, onglet Ordinateurs
    Alors le bouton "Acheter l'abonnement" n'est pas affiché
    Et mon abonnement "1 an" est affiché comme actif, acheté sur "Site web"
    Et il est indiqué qu'un abonnement actif ne peut être ni remboursé ni annulé, ni remboursé partiellement
    Et aucun bouton ne permet d'annuler ou de rembourser l'abonnement

  @R05 @R06 @R07 @R20 @pilote_abonnement
  Scénario: Un abonnement acheté sur l'App Store apparaît sur le compte et renvoie vers Apple
    Soit un client dont le compte a un abonnement "1 an" actif acheté sur "l'App Store"
    Et je suis connecté à mon compte Parallels
    Quand j'ouvre la page Parallels Access, onglet Ordinateurs
    Alors mon abonnement "1 an" est affiché comme actif, acheté sur "App Store"
    Et le bouton "Acheter l'abonnement" n'est pas affiché
    Et les questions sur cet achat sont renvoyées vers le service client d'Apple
    Et il est indiqué que Parallels ne peut pas rembourser un achat fait sur l'App Store

  @R13 @R20
  Scénario: Un achat fait sur un autre compte ne donne rien à mon compte
    Soit un client avec un compte Parallels sans abonnement actif
    Et un second compte Parallels sans abonnement actif
    Et je suis connecté au second compte
    Quand j'achète un abonnement "1 an" avec une carte valide
    Alors la commande est confirmée avec un numéro de commande
    Et le second compte a un abonnement "1 an" actif
    Mais mon compte n'a aucun abonnement actif
    Quand je suis connecté à mon compte Parallels
    Et j'ouvre la page Parallels Access, onglet Ordinateurs
    Alors le bouton "Acheter l'abonnement" est affiché à droite
    Et la commande du second compte m'est introuvable
