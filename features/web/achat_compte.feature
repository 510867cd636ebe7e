# language: fr
@web
Fonctionnalité: Acheter Parallels Access depuis la page Parallels Access du compte
  Depuis n'importe quel ordinateur (PC ou Mac), le client achète son abonnement
  sur la page Parallels Access de son compte Parallels, onglet Ordinateurs.
  La commande est traitée par Cleverbridge, le partenaire de paiement de Parallels.

  @R01 @R12 @R14 @R15 @R16 @R17
  Plan du scénario: Acheter un abonnement de <pack> depuis le compte
    Soit un client avec un compte Parallels sans abonnement actif
    Et je suis connecté à mon compte Parallels
    Quand j'ouvre la page Parallels Access, onglet Ordinateurs
    Alors je vois mes ordinateurs
    Et le bouton "Acheter l'abonnement" est affiché à droite
    Quand je clique sur "Acheter l'abonnement"
    Alors le panier propose les packs 1 mois, 1 an et 2 ans
    Quand je choisis le pack "<pack>" dans le panier
    Alors le total du panier est de <prix>
    Quand je continue vers la page suivante
    Et je saisis mes coordonnées avec une carte valide
    Et je valide la commande
    Alors la commande est en cours de traitement
    Et la commande est confirmée avec un numéro de commande
    Et le montant débité est de <prix>
    Et mon compte a un abonnement "<pack>" actif pendant <mois> mois, acheté sur le site web
    Quand j'ouvre la page Parallels Access, onglet Ordinateurs
    Alors le bouton "Acheter l'abonnement" n'est pas affiché

    Exemples:
      | pack   | prix    | mois |
      | 1 mois | 4,99 €  | 1    |
      | 1 an   | 19,99 € | 12   |
      | 2 ans  | 34,99 € | 24   |

  @R17 @pilote_paiement
  Scénario: La page de commande patiente tant que le partenaire de paiement n'a pas répondu
    Soit un client avec un compte Parallels sans abonnement actif
    Et le partenaire de paiement met 3 secondes à répondre
    Et je suis connecté à mon compte Parallels
    Quand j'achète un abonnement "1 an" avec une carte valide
    Alors la commande est en cours de traitement
    Et aucun abonnement n'est encore actif sur mon compte
    Et la commande est confirmée avec un numéro de commande
    Et le montant débité est de 19,99 €

  @R21
  Scénario: Un double clic sur « Valider la commande » ne commande et ne débite qu'une fois
    Soit un client avec un compte Parallels sans abonnement actif
    Et je suis connecté à mon compte Parallels
    Et j'ai choisi le pack "1 an" dans le panier
    Quand je saisis mes coordonnées avec une carte valide
    Et je valide la commande d'un double clic
    Et je reviens sur la page de coordonnées de ce panier
    Alors la commande est confirmée avec un numéro de commande
    Et mon compte a exactement une commande, débitée une seule fois

  @R21 @pilote_paiement
  Scénario: Le même panier validé depuis deux onglets pendant son traitement ne commande et ne débite qu'une fois
    Soit un client avec un compte Parallels sans abonnement actif
    Et le partenaire de paiement met 3 secondes à répondre
    Et je suis connecté à mon compte Parallels
    Et j'ai choisi le pack "1 an" dans le panier
    Et la page de coordonnées de ce panier est aussi ouverte dans un second onglet
    Quand je saisis mes coordonnées avec une carte valide
    Et je valide la commande
    Alors la commande est en cours de traitement
    Quand je valide aussi la commande de ce panier depuis le second onglet
    Alors le second onglet montre la même commande, toujours en cours de traitement
    Et la commande est confirmée avec un numéro de commande
    Et mon compte a exactement une commande, débitée une seule fois

  @R17 @pilote_paiement
  Scénario: Un partenaire plus lent que la première attente de la page de commande : la page attend encore, puis confirme
    Soit un client avec un compte Parallels sans abonnement actif
    Et le partenaire de paiement met 12 secondes à répondre
    Et je suis connecté à mon compte Parallels
    Quand j'achète un abonnement "1 mois" avec une carte valide
    Alors la commande est en cours de traitement
    Et la commande est confirmée avec un numéro de commande
    Et le montant débité est de 4,99 €
