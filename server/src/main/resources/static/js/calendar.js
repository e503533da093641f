// The web calendar's little behaviour: filter checkboxes hide entries of a kind, and a click on an empty
// part of a slot opens the meeting form at that time.
(function () {
  document.querySelectorAll('.calendar-filters input[type=checkbox]').forEach(function (box) {
    box.addEventListener('change', function () {
      document.querySelectorAll('.entry[data-kind="' + box.dataset.kind + '"]').forEach(function (e) {
        e.hidden = !box.checked;
      });
    });
  });
  document.querySelectorAll('td.slot').forEach(function (slot) {
    slot.addEventListener('click', function (event) {
      if (event.target !== slot) {
        return; // a click on an entry or the day number follows its link
      }
      var url = '/calendar/meetings/new?start=' + encodeURIComponent(slot.dataset.start);
      window.location.href = url;
    });
  });
})();
