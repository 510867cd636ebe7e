# language: fr
Fonctionnalité: Un compte, un abonnement, sur tous les canaux
  Un abonnement est assigné au compte Parallels : acheté sur un canal, il est actif sur
  les autres. Un abonnement actif ne propose ni annulation ni remboursement.

  @R05 @R15 @R20
  Plan du scénario: Un abonnement acheté sur le site web est actif dans l'application <appareil>
    Soit un client avec un compte Parallels sans abonnement actif
    Et je suis connecté à mon compte Parallels
    Quand j'achète un abonnement "2 ans" avec une carte valide
    Alors la commande est confirmée avec un numéro de commande
    Quand j'ouvre l'application Parallels Access sur <appareil>, connectée à mon compte
    Alors l'application n'affiche pas le bouton "Acheter l'abonnement"
    Et l'application indique mon abonnement "2 ans" actif, acheté sur "Site web"
    Et l'application ne propose ni annulation ni remboursement

    @web @ios @ipad @R02
    Exemples: Sur iPad
      | appareil |
      | iPad     |

    @web @ios @iphone @R02
    Exemples: Sur iPhone
      | appareil |
      | iPhone   |

    @web @ios @iphone @petit_ecran @R02
    Exemples: Sur un petit écran (iPhone SE)
      | appareil  |
      | iPhone SE |

    @web @android @R08
    Exemples: Sur Android
      | appareil |
      | Android  |

  @web @ios @iphone @R05 @R06 @R07 @R15 @R20
  Scénario: Un abonnement acheté dans l'App Store apparaît sur le compte Parallels avec son origine
    Soit un client avec un compte Parallels sans abonnement actif
    Et l'application Parallels Access est ouverte sur iPhone, connectée à mon compte
    Quand je touche "Acheter l'abonnement" dans l'application
    Et je choisis la formule annuelle
    Et je confirme l'achat dans l'App Store
    Et je suis connecté à mon compte Parallels
    Et j'ouvre la page Parallels Access, onglet Ordinateurs
    Alors mon abonnement "1 an" est affiché comme actif, acheté sur "App Store"
    Et le bouton "Acheter l'abonnement" n'est pas affiché
    Et il est indiqué que Parallels ne peut pas rembourser un achat fait sur l'App Store
    Et les questions sur cet achat sont renvoyées vers le service client d'Apple
    Et il est indiqué qu'un abonnement actif ne peut être ni remboursé ni annulé, ni remboursé partiellement
    Et aucun bouton ne permet d'annuler ou de rembourser l'abonnement
