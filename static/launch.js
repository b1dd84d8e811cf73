// Launch form: show only the security groups of the chosen subnet's VPC (the server checks this
// too, and without this script every group is listed with its VPC). Confirmation: one click only.
(function () {
  const subnet = document.getElementById('subnetId');
  const groups = document.querySelectorAll('#security-groups label.check[data-vpc]');
  function filterGroups() {
    const chosen = subnet.options[subnet.selectedIndex];
    const vpc = chosen ? chosen.dataset.vpc : null;
    groups.forEach(function (label) {
      const other = Boolean(vpc) && label.dataset.vpc !== vpc;
      label.classList.toggle('other-vpc', other);
      if (other) label.querySelector('input').checked = false;
    });
  }
  if (subnet && groups.length) {
    subnet.addEventListener('change', filterGroups);
    filterGroups();
  }
  const confirm = document.getElementById('confirm-form');
  if (confirm) {
    confirm.addEventListener('submit', function () {
      const button = document.getElementById('confirm-launch');
      // Disabled after this submit has started, so a second click sends nothing (the server would start nothing twice anyway).
      setTimeout(function () { button.disabled = true; button.textContent = 'Starting…'; }, 0);
    });
  }
})();
