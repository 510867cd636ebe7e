# language: fr
@web
Fonctionnalité: Refuser clairement une commande qui ne peut pas aboutir
  Une saisie invalide, une carte refusée ou un partenaire de paiement en panne
  sont signalés au client en clair. Aucun abonnement n'est créé et rien n'est débité.

  @R21 @R17
  Scénario: Une carte refusée ne crée aucun abonnement et rien n'est débité
    Soit un client avec un compte Parallels sans abonnement actif
    Et je suis connecté à mon compte Parallels
    Quand j'achète un abonnement "1 mois" avec une carte refusée par la banque
    Alors la commande est refusée avec le message "Votre carte a été refusée."
    Et mon compte n'a aucun abonnement actif
    Et rien n'a été débité
    Quand j'ouvre la page Parallels Access, onglet Ordinateurs
    Alors le bouton "Acheter l'abonnement" est affiché à droite

  @R21 @R17 @pilote_paiement
  Scénario: Un partenaire de paiement en panne ne crée aucun abonnement
    Soit un client avec un compte Parallels sans abonnement actif
    Et le partenaire de paiement est en panne
    Et je suis connecté à mon compte Parallels
    Quand j'achète un abonnement "2 ans" avec une carte valide
    Alors la commande est refusée avec le message "Le partenaire de paiement n'a pas pu traiter votre commande."
    Et mon compte n'a aucun abonnement actif
    Et rien n'a été débité

  @R21 @R17
  Plan du scénario: Des coordonnées invalides sont refusées avec un message par champ
    Soit un client avec un compte Parallels sans abonnement actif
    Et je suis connecté à mon compte Parallels
    Et j'ai choisi le pack "1 an" dans le panier
    Quand je saisis mes coordonnées avec "<valeur>" comme "<champ>"
    Et je valide la commande
    Alors le champ "<champ>" est signalé avec le message "<message>"
    Et aucune commande n'est enregistrée

    Exemples:
      | champ                     | valeur              | message                                                    |
      | Prénom                    |                     | Indiquez votre prénom.                                     |
      | Adresse e-mail            | jean.dupont@        | Adresse e-mail invalide : elle doit ressembler à nom@exemple.fr. |
      | Code postal               | 75A01               | Code postal invalide pour le pays France.                  |
      | Numéro de carte           | 4111 1111 1111 1112 | Numéro de carte invalide : vérifiez les chiffres saisis.   |
      | Date d'expiration (MM/AA) | 01/20               | Cette carte a expiré.                                      |
      | Cryptogramme visuel       | 12                  | Cryptogramme visuel invalide : 3 ou 4 chiffres.            |

  @R21 @R17
  Plan du scénario: Un champ obligatoire laissé vide est signalé et rien n'est commandé
    Soit un client avec un compte Parallels sans abonnement actif
    Et je suis connecté à mon compte Parallels
    Et j'ai choisi le pack "1 mois" dans le panier
    Quand je saisis mes coordonnées avec "" comme "<champ>"
    Et je valide la commande
    Alors le champ "<champ>" est signalé avec le message "<message>"
    Et aucune commande n'est enregistrée

    Exemples:
      | champ                     | message                                          |
      | Nom                       | Indiquez votre nom.                              |
      | Adresse e-mail            | Indiquez votre adresse e-mail.                   |
      | Adresse                   | Indiquez votre adresse.                          |
      | Code postal               | Indiquez votre code postal.                      |
      | Ville                     | Indiquez votre ville.                            |
      | Numéro de carte           | Indiquez le numéro de votre carte.               |
      | Date d'expiration (MM/AA) | Indiquez la date d'expiration de votre carte.    |
      | Cryptogramme visuel       | Indiquez le cryptogramme visuel de votre carte.  |

  @R17
  Scénario: Une carte qui expire à la fin de ce mois est acceptée
    Soit un client avec un compte Parallels sans abonnement actif
    Et je suis connecté à mon compte Parallels
    Et j'ai choisi le pack "1 mois" dans le panier
    Quand je saisis mes coordonnées avec une carte qui expire ce mois-ci
    Et je valide la commande
    Alors la commande est confirmée avec un numéro de commande
    Et le montant débité est de 4,99 €

  @R21 @R17
  Scénario: Une carte expirée le mois dernier est refusée
    Soit un client avec un compte Parallels sans abonnement actif
    Et je suis connecté à mon compte Parallels
    Et j'ai choisi le pack "1 mois" dans le panier
    Quand je saisis mes coordonnées avec une carte qui a expiré le mois dernier
    Et je valide la commande
    Alors le champ "Date d'expiration (MM/AA)" est signalé avec le message "Cette carte a expiré."
    Et aucune commande n'est enregistrée
