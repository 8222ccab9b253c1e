// Small progressive enhancements; every form works without them.
document.addEventListener('DOMContentLoaded', () => {
  document.querySelectorAll('[data-open]').forEach(button => button.addEventListener('click', () => {
    document.querySelector(button.dataset.open).showModal();
  }));
  document.querySelectorAll('dialog [data-close]').forEach(button => button.addEventListener('click', () => {
    button.closest('dialog').close();
  }));
  document.querySelectorAll('[data-toggle]').forEach(box => {
    const target = document.querySelector(box.dataset.toggle);
    const sync = () => { target.hidden = !box.checked; };
    box.addEventListener('change', sync);
    sync();
  });
  document.querySelectorAll('[data-generate]').forEach(button => button.addEventListener('click', () => {
    // 20 characters from 56 unambiguous symbols: about 116 bits, from the browser's CSPRNG.
    const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
    const bytes = crypto.getRandomValues(new Uint32Array(20));
    const field = button.parentElement.querySelector('[data-password-field]');
    field.value = Array.from(bytes, b => alphabet[b % alphabet.length]).join('');
  }));
  document.querySelectorAll('[data-copy]').forEach(button => button.addEventListener('click', async () => {
    const text = document.querySelector(button.dataset.copy).textContent;
    try { await navigator.clipboard.writeText(text); button.textContent = 'Copied'; }
    catch (e) { button.textContent = 'Select and copy'; }
  }));
  document.querySelectorAll('[data-autosubmit]').forEach(select => select.addEventListener('change', () => select.form.submit()));
  document.querySelectorAll('form[data-confirm]').forEach(form => form.addEventListener('submit', event => {
    if (!confirm(form.dataset.confirm)) { event.preventDefault(); }
  }));
  // A dialog that comes back with an error (the server refused what was typed) opens again at once.
  document.querySelectorAll('dialog[data-open-on-load]').forEach(dialog => dialog.showModal());
  // Esc closes an open row menu and gives the focus back to its button.
  document.addEventListener('keydown', event => {
    if (event.key !== 'Escape') { return; }
    document.querySelectorAll('details.menu[open]').forEach(menu => {
      menu.open = false;
      menu.querySelector('summary').focus();
    });
  });
  document.addEventListener('click', event => {
    document.querySelectorAll('details.menu[open]').forEach(menu => {
      if (!menu.contains(event.target)) { menu.open = false; }
    });
  });
});
