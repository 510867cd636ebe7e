# language: fr
@web
Fonctionnalité: Trouver de l'aide sur un achat
  Les questions sur une commande de la Boutique en ligne Parallels vont à Cleverbridge ;
  les conditions d'utilisation de Parallels Access sont accessibles depuis le portail.

  @R18
  Scénario: Une question sur ma commande est adressée à Cleverbridge
    Soit un client avec un compte Parallels sans abonnement actif
    Et je suis connecté à mon compte Parallels
    Et j'ai acheté un abonnement "1 mois" sur mon compte
    Quand je clique sur "Contacter Cleverbridge"
    Alors la page d'assistance me renvoie vers Cleverbridge, partenaire de traitement des commandes de Parallels

  @R19 @R05
  Scénario: Lire les conditions d'utilisation de Parallels Access
    Soit un client avec un compte Parallels sans abonnement actif
    Et je suis connecté à mon compte Parallels
    Quand j'ouvre la page Parallels Access, onglet Ordinateurs
    Et j'ouvre les conditions d'utilisation de Parallels Access depuis le pied de page
    Alors la page "Parallels Access : Conditions d'utilisation" s'affiche
    Et elle indique qu'un abonnement actif ne peut être ni remboursé ni annulé
