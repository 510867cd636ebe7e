# language: fr
@web @R23
Fonctionnalité: Un parcours d'achat accessible à tous (WCAG 2.1 A et AA)
  Depuis juin 2025, la vente en ligne aux consommateurs de l'Union européenne doit être accessible
  (Acte européen sur l'accessibilité ; les audits se réfèrent aux WCAG 2.1 niveau AA).
  Chaque page du parcours d'achat est auditée à chaque exécution, et l'achat se fait au clavier seul.

  Plan du scénario: La page « <page> » du parcours d'achat passe l'audit d'accessibilité
    Soit un client avec un compte Parallels sans abonnement actif
    Et je suis connecté à mon compte Parallels
    Quand j'arrive sur la page "<page>" du parcours d'achat
    Alors la page "<page>" ne présente aucune violation d'accessibilité grave ou critique

    Exemples:
      | page                         |
      | Connexion                    |
      | Créer un compte              |
      | Parallels Access             |
      | Panier                       |
      | Vos coordonnées              |
      | Authentification du paiement |
      | Commande confirmée           |
      | Assistance                   |
      | Conditions d'utilisation     |

  @R17 @R22 @pilote_3ds
  Scénario: Acheter un abonnement au clavier seul, authentification de la banque comprise
    Soit un client avec un compte Parallels sans abonnement actif
    Quand je me connecte au clavier seul
    Et je choisis le pack "1 an" au clavier seul
    Et je saisis et valide mes coordonnées au clavier seul, carte qui demande l'authentification de la banque
    Et je confirme le paiement auprès de ma banque au clavier seul
    Alors la commande est confirmée avec un numéro de commande
    Et le montant débité est de 19,99 €
