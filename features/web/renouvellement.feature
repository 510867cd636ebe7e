# language: fr
@web @horloge
Fonctionnalité: Renouvellement et expiration d'un abonnement acheté sur le site web
  Un abonnement dure ce que dit son pack. À sa date de fin, il se renouvelle pour le même pack :
  la carte est débitée de nouveau et une nouvelle commande apparaît dans l'onglet Commandes.
  Si la banque refuse ce prélèvement, l'abonnement expire et le compte le dit.
  Ces scénarios avancent l'horloge du compte : sur une cible sans horloge de test, ils ne sont pas exécutés.

  @R16
  Plan du scénario: Un abonnement « <pack> » se renouvelle à sa date de fin, débité de nouveau de son prix
    Soit un client avec un compte Parallels sans abonnement actif
    Et je suis connecté à mon compte Parallels
    Quand j'achète un abonnement "<pack>" avec une carte valide
    Alors la commande est confirmée avec un numéro de commande
    Quand <durée> passe
    Alors mon abonnement "<pack>" est renouvelé pour <durée> de plus
    Et l'onglet Commandes montre 2 commandes "<pack>" confirmées de <prix>
    Et mon compte a été débité 2 fois de <prix>

    Exemples:
      | pack   | durée    | prix    |
      | 1 mois | un mois  | 4,99 €  |
      | 1 an   | un an    | 19,99 € |
      | 2 ans  | deux ans | 34,99 € |

  @R21
  Scénario: Un renouvellement refusé par la banque laisse le compte sans abonnement et le dit
    Soit un client dont le compte a un abonnement "1 an" actif acheté sur "le site web"
    Et ma banque refusera le prochain prélèvement
    Et je suis connecté à mon compte Parallels
    Quand un an passe
    Alors mon compte n'a aucun abonnement actif
    Et rien n'a été débité
    Quand j'ouvre la page Parallels Access, onglet Ordinateurs
    Alors il est indiqué que le renouvellement de mon abonnement "1 an" a été refusé par ma banque
    Et le bouton "Acheter l'abonnement" est affiché à droite
