# language: fr
@ios
Fonctionnalité: Acheter Parallels Access depuis l'application iOS
  Sur un iPad ou un iPhone, l'application affiche les ordinateurs auxquels le client accède
  et un bouton « Acheter l'abonnement » (sur un petit écran, en faisant défiler la liste).
  Le client choisit un renouvellement mensuel ou annuel et paie par l'App Store.

  @R01 @R02 @R03 @R04
  Plan du scénario: Acheter un abonnement à formule <formule> sur <appareil> par l'App Store
    Soit un client avec un compte Parallels sans abonnement actif
    Et l'application Parallels Access est ouverte sur <appareil>, connectée à mon compte
    Alors l'application affiche mes ordinateurs
    Et l'application affiche le bouton "Acheter l'abonnement"
    Quand je touche "Acheter l'abonnement" dans l'application
    Alors l'application propose la formule mensuelle à "4,99 € par mois" et la formule annuelle à "19,99 € par an"
    Quand je choisis la formule <formule>
    Alors la feuille d'achat de l'App Store affiche "<prix>"
    Quand je confirme l'achat dans l'App Store
    Alors l'application confirme que mon abonnement est actif
    Et mon compte a un abonnement "<pack>" actif acheté sur "l'App Store"

    @ipad
    Exemples: Sur iPad
      | appareil | formule   | prix            | pack   |
      | iPad     | mensuelle | 4,99 € par mois | 1 mois |
      | iPad     | annuelle  | 19,99 € par an  | 1 an   |

    @iphone
    Exemples: Sur iPhone
      | appareil | formule   | prix            | pack   |
      | iPhone   | mensuelle | 4,99 € par mois | 1 mois |
      | iPhone   | annuelle  | 19,99 € par an  | 1 an   |

    @iphone @petit_ecran
    Exemples: Sur un petit écran (iPhone SE)
      | appareil  | formule   | prix            | pack   |
      | iPhone SE | mensuelle | 4,99 € par mois | 1 mois |

  @R03 @R04 @R21
  Plan du scénario: Annuler la feuille d'achat de l'App Store sur <appareil> n'achète rien
    Soit un client avec un compte Parallels sans abonnement actif
    Et l'application Parallels Access est ouverte sur <appareil>, connectée à mon compte
    Quand je touche "Acheter l'abonnement" dans l'application
    Et je choisis la formule annuelle
    Et j'annule l'achat dans l'App Store
    Alors l'application propose toujours les formules d'abonnement
    Et mon compte n'a aucun abonnement actif

    @ipad
    Exemples: Sur iPad
      | appareil |
      | iPad     |

    @iphone
    Exemples: Sur iPhone
      | appareil |
      | iPhone   |

    @iphone @petit_ecran
    Exemples: Sur un petit écran (iPhone SE)
      | appareil  |
      | iPhone SE |

  @R05 @R06 @R07 @pilote_abonnement
  Plan du scénario: L'aide de l'application sur <appareil> renvoie les achats App Store vers Apple
    Soit un client dont le compte a un abonnement "1 an" actif acheté sur "l'App Store"
    Et l'application Parallels Access est ouverte sur <appareil>, connectée à mon compte
    Alors l'application ne propose ni annulation ni remboursement
    Quand j'ouvre l'aide de l'application
    Alors l'aide renvoie les questions d'achat App Store vers le service client d'Apple
    Et l'aide indique que Parallels ne peut pas traiter les achats ni les remboursements faits sur l'App Store
    Et l'aide indique qu'un abonnement actif ne peut être ni remboursé ni annulé

    @ipad
    Exemples: Sur iPad
      | appareil |
      | iPad     |

    @iphone
    Exemples: Sur iPhone
      | appareil |
      | iPhone   |

    @iphone @petit_ecran
    Exemples: Sur un petit écran (iPhone SE)
      | appareil  |
      | iPhone SE |

  @R01 @R02 @R03 @R04 @iphone @petit_ecran @pilote_ordinateurs
  Scénario: Sur un petit écran, avec de nombreux ordinateurs, l'application défile jusqu'au bouton « Acheter l'abonnement »
    Soit un client avec un compte Parallels sans abonnement actif et 12 ordinateurs
    Et l'application Parallels Access est ouverte sur iPhone SE, connectée à mon compte
    Alors l'application affiche mes ordinateurs
    Et l'application affiche le bouton "Acheter l'abonnement"
    Quand je touche "Acheter l'abonnement" dans l'application
    Et je choisis la formule annuelle
    Et je confirme l'achat dans l'App Store
    Alors l'application confirme que mon abonnement est actif
    Et mon compte a un abonnement "1 an" actif acheté sur "l'App Store"
