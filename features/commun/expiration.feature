# language: fr
@horloge
Fonctionnalité: Un abonnement expiré redevient achetable sur tous les canaux
  Quand un abonnement expire (ici, son renouvellement est refusé par la banque), le compte n'a plus
  d'abonnement actif : « Acheter l'abonnement » revient sur le portail et dans les applications.
  Ces scénarios avancent l'horloge du compte : sur une cible sans horloge de test, ils ne sont pas exécutés.

  @R15 @R20
  Plan du scénario: Un abonnement expiré fait revenir « Acheter l'abonnement » sur le portail et sur <appareil>
    Soit un client dont le compte a un abonnement "1 mois" actif acheté sur "le site web"
    Et ma banque refusera le prochain prélèvement
    Et je suis connecté à mon compte Parallels
    Et l'application Parallels Access est ouverte sur <appareil>, connectée à mon compte
    Alors l'application n'affiche pas le bouton "Acheter l'abonnement"
    Quand un mois passe
    Alors mon compte n'a aucun abonnement actif
    Quand j'ouvre la page Parallels Access, onglet Ordinateurs
    Alors le portail propose de nouveau le bouton "Acheter l'abonnement"
    Quand je relance l'application
    Alors l'application affiche le bouton "Acheter l'abonnement"

    @web @ios @iphone @R02
    Exemples: Sur iPhone
      | appareil |
      | iPhone   |

    @web @ios @ipad @R02
    Exemples: Sur iPad
      | appareil |
      | iPad     |

    @web @android @R08
    Exemples: Sur Android
      | appareil |
      | Android  |

  @web @ios @iphone @R07 @R15
  Scénario: Un abonnement App Store suit l'App Store : renouvelé par Apple, puis expiré quand le renouvellement automatique est désactivé
    Soit un client dont le compte a un abonnement "1 mois" actif acheté sur "l'App Store"
    Et l'application Parallels Access est ouverte sur iPhone, connectée à mon compte
    Quand un mois passe
    Alors mon compte a un abonnement "1 mois" actif acheté sur "l'App Store"
    Et aucune commande n'est enregistrée
    Quand je désactive le renouvellement automatique dans l'App Store
    Et un mois passe
    Alors mon compte n'a aucun abonnement actif
    Quand je relance l'application
    Alors l'application affiche le bouton "Acheter l'abonnement"
