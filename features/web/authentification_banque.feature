# language: fr
@web @R22
Fonctionnalité: Authentifier un paiement par carte auprès de sa banque (3-D Secure)
  En Europe, la banque du client peut exiger une authentification forte du paiement (DSP2).
  Sa demande s'affiche dans un cadre fourni par la banque elle-même. Tant que le client
  n'a pas confirmé le paiement, rien n'est débité ; s'il refuse ou abandonne, la commande
  s'arrête sans abonnement ni débit.

  @R17 @pilote_3ds
  Scénario: Un paiement confirmé auprès de la banque active l'abonnement
    Soit un client avec un compte Parallels sans abonnement actif
    Et je suis connecté à mon compte Parallels
    Quand j'achète un abonnement "1 mois" avec une carte qui demande l'authentification de la banque
    Alors ma banque me demande de confirmer le paiement de 4,99 €
    Et rien n'a été débité
    Quand je confirme le paiement avec le code reçu de ma banque
    Alors la commande est confirmée avec un numéro de commande
    Et le montant débité est de 4,99 €
    Et mon compte a un abonnement "1 mois" actif pendant 1 mois, acheté sur le site web

  @R21
  Scénario: Un paiement refusé auprès de la banque ne débite rien et ne crée aucun abonnement
    Soit un client avec un compte Parallels sans abonnement actif
    Et je suis connecté à mon compte Parallels
    Quand j'achète un abonnement "1 an" avec une carte qui demande l'authentification de la banque
    Alors ma banque me demande de confirmer le paiement de 19,99 €
    Quand je refuse le paiement auprès de ma banque
    Alors la commande est refusée avec le message "Votre banque n'a pas authentifié le paiement."
    Et mon compte n'a aucun abonnement actif
    Et rien n'a été débité
    Quand j'ouvre la page Parallels Access, onglet Ordinateurs
    Alors le bouton "Acheter l'abonnement" est affiché à droite

  @R21
  Scénario: Un paiement abandonné auprès de la banque ne débite rien et ne crée aucun abonnement
    Soit un client avec un compte Parallels sans abonnement actif
    Et je suis connecté à mon compte Parallels
    Quand j'achète un abonnement "2 ans" avec une carte qui demande l'authentification de la banque
    Alors ma banque me demande de confirmer le paiement de 34,99 €
    Quand j'abandonne l'authentification auprès de ma banque
    Alors la commande est refusée avec le message "Vous avez abandonné l'authentification auprès de votre banque."
    Et mon compte n'a aucun abonnement actif
    Et rien n'a été débité

  @R21
  Scénario: Quitter le paiement sans répondre à la banque ne débite rien
    Soit un client avec un compte Parallels sans abonnement actif
    Et je suis connecté à mon compte Parallels
    Quand j'achète un abonnement "1 mois" avec une carte qui demande l'authentification de la banque
    Et je quitte le paiement sans répondre à ma banque
    Alors la commande est refusée avec le message "Vous avez abandonné l'authentification auprès de votre banque."
    Et mon compte n'a aucun abonnement actif
    Et rien n'a été débité

  @R17
  Scénario: Une carte que la banque n'authentifie pas passe directement
    Soit un client avec un compte Parallels sans abonnement actif
    Et je suis connecté à mon compte Parallels
    Quand j'achète un abonnement "1 an" avec une carte que la banque accepte sans authentification
    Alors ma banque ne me demande aucune authentification
    Et la commande est confirmée avec un numéro de commande
    Et le montant débité est de 19,99 €

  @R17 @pilote_3ds
  Scénario: Un mauvais code est refusé par la banque, puis le bon code confirme le paiement
    Soit un client avec un compte Parallels sans abonnement actif
    Et je suis connecté à mon compte Parallels
    Quand j'achète un abonnement "1 an" avec une carte qui demande l'authentification de la banque
    Et je saisis un mauvais code dans le cadre de ma banque
    Alors ma banque refuse le code et indique qu'il me reste 2 essais
    Et rien n'a été débité
    Quand je confirme le paiement avec le code reçu de ma banque
    Alors la commande est confirmée avec un numéro de commande
    Et le montant débité est de 19,99 €

  @R21 @pilote_3ds
  Scénario: Après trois mauvais codes, la banque refuse le paiement et rien n'est débité
    Soit un client avec un compte Parallels sans abonnement actif
    Et je suis connecté à mon compte Parallels
    Quand j'achète un abonnement "1 mois" avec une carte qui demande l'authentification de la banque
    Et je saisis un mauvais code dans le cadre de ma banque
    Alors ma banque refuse le code et indique qu'il me reste 2 essais
    Quand je saisis un mauvais code dans le cadre de ma banque
    Alors ma banque refuse le code et indique qu'il me reste 1 essai
    Quand je saisis un mauvais code dans le cadre de ma banque
    Alors la commande est refusée avec le message "Votre banque n'a pas authentifié le paiement."
    Et mon compte n'a aucun abonnement actif
    Et rien n'a été débité

  @R21 @pilote_paiement
  Scénario: Une authentification restée sans réponse expire : rien n'est débité
    Soit un client avec un compte Parallels sans abonnement actif
    Et ma banque abandonne l'authentification au bout de 2 secondes sans réponse
    Et je suis connecté à mon compte Parallels
    Quand j'achète un abonnement "1 mois" avec une carte qui demande l'authentification de la banque
    Et je ne réponds pas à ma banque
    Alors la commande est refusée avec le message "Le délai d'authentification auprès de votre banque est dépassé."
    Et mon compte n'a aucun abonnement actif
    Et rien n'a été débité
