# language: fr
Fonctionnalité: Se connecter à son compte Parallels dans l'application
  Au démarrage, l'application demande le compte Parallels du client, puis affiche les
  ordinateurs auxquels il accède depuis l'application.

  @R21
  Plan du scénario: Se connecter dans l'application sur <appareil> et voir ses ordinateurs
    Soit un client avec un compte Parallels sans abonnement actif
    Et l'application Parallels Access est ouverte sur <appareil>, sans compte connecté
    Quand je me connecte dans l'application avec un mauvais mot de passe
    Alors l'application refuse la connexion avec le message "Adresse e-mail ou mot de passe incorrect."
    Quand je me connecte dans l'application avec mon adresse e-mail et mon mot de passe
    Alors l'application affiche mes ordinateurs
    Et l'application affiche le bouton "Acheter l'abonnement"

    @ios @ipad @R02
    Exemples: Sur iPad
      | appareil |
      | iPad     |

    @ios @iphone @R02
    Exemples: Sur iPhone
      | appareil |
      | iPhone   |

    @ios @iphone @petit_ecran @R02
    Exemples: Sur un petit écran (iPhone SE)
      | appareil  |
      | iPhone SE |

    @android @R08
    Exemples: Sur Android
      | appareil |
      | Android  |
