// Cart total follows the chosen pack, also one chosen before this script ran (a slow phone, a quick click).
const showTotal = () => {
  const chosen = document.querySelector('input[name="pack"]:checked');
  if (chosen) document.getElementById('total').textContent = chosen.dataset.prix;
};
document.querySelectorAll('input[name="pack"]').forEach((radio) => radio.addEventListener('change', showTotal));
showTotal();
// A form marked data-une-fois is sent once: a double click does not send it twice.
document.querySelectorAll('form[data-une-fois]').forEach((form) => {
  form.addEventListener('submit', (event) => {
    if (form.dataset.envoye) { event.preventDefault(); return; }
    form.dataset.envoye = '1';
  });
});
// The order page updates by itself when the bank (3-D Secure) or the payment partner answers.
const commande = document.getElementById('commande');
const enAttente = commande && ['authenticating', 'processing'].includes(commande.dataset.etat);
if (enAttente) {
  const attendre = async () => {
    try {
      const r = await fetch(`/commandes/${commande.dataset.numero}/etat?attendre=${commande.dataset.etat}`);
      const etat = (await r.json()).status;
      if (etat !== commande.dataset.etat) { location.reload(); return; }
    } catch (e) { setTimeout(attendre, 200); return; }  // network hiccup: ask again shortly
    attendre();
  };
  attendre();
}
