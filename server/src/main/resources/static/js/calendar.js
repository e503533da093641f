// The web calendar's behaviour: the kind filters hide entries, the people list chooses whose entries the
// server sends, a click on an empty part of a slot opens the meeting form there, and in the week and day
// views the mouse drags: across hours to plan a meeting of that length, a meeting to move it, its lower
// edge to change its end. Moves go through a plain form post (the page's CSRF token), then the page reloads.
(function () {
  document.querySelectorAll('.calendar-filters input[type=checkbox]').forEach(function (box) {
    box.addEventListener('change', function () {
      document.querySelectorAll('.entry[data-kind="' + box.dataset.kind + '"]').forEach(function (e) {
        e.hidden = !box.checked;
      });
    });
  });

  var people = document.getElementById('calendar-users');
  if (people) {
    people.addEventListener('change', function () {
      var ids = Array.prototype.map.call(people.querySelectorAll('input:checked'), function (b) { return b.dataset.user; });
      window.location.href = '/calendar?view=' + people.dataset.view + '&date=' + people.dataset.date + '&users=' + ids.join(',');
    });
  }

  function newMeeting(start, end) {
    window.location.href = '/calendar/meetings/new?start=' + encodeURIComponent(start) + (end ? '&end=' + encodeURIComponent(end) : '');
  }

  // "2026-12-08T10:00" plus one hour, as the same local text (the slots are whole hours).
  function hourAfter(start) {
    var hour = parseInt(start.substring(11, 13), 10) + 1;
    return hour > 23 ? start.substring(0, 10) + 'T23:59' : start.substring(0, 11) + (hour < 10 ? '0' : '') + hour + ':00';
  }

  function slotAt(event) {
    var under = document.elementFromPoint(event.clientX, event.clientY);
    return under ? under.closest('td.slot.hour') : null;
  }

  function mark(from, to) {
    document.querySelectorAll('td.slot.dragging').forEach(function (s) { s.classList.remove('dragging'); });
    if (!from || !to || from.dataset.day !== to.dataset.day) {
      return;
    }
    var low = from.dataset.start < to.dataset.start ? from.dataset.start : to.dataset.start;
    var high = from.dataset.start < to.dataset.start ? to.dataset.start : from.dataset.start;
    document.querySelectorAll('td.slot.hour[data-day="' + from.dataset.day + '"]').forEach(function (s) {
      if (s.dataset.start >= low && s.dataset.start <= high) {
        s.classList.add('dragging');
      }
    });
  }

  function move(entry, start, end) {
    var form = document.getElementById('move-form');
    form.action = form.action.replace(/\/meetings\/\d+\/move/, '/meetings/' + entry.dataset.meeting + '/move');
    form.elements.start.value = start || '';
    form.elements.end.value = end || '';
    form.elements.version.value = entry.dataset.version;
    form.elements.back.value = window.location.pathname + window.location.search;
    form.submit();
  }

  var drag = null; // {mode: 'create'|'move'|'resize', origin: td, entry: a}
  var swallowClick = false;

  document.querySelectorAll('td.slot').forEach(function (slot) {
    slot.addEventListener('click', function (event) {
      if (event.target === slot && !slot.classList.contains('hour')) {
        newMeeting(slot.dataset.start); // month view and the all-day row: a click plans a meeting that day
      }
    });
    if (!slot.classList.contains('hour')) {
      return;
    }
    slot.addEventListener('mousedown', function (event) {
      if (event.button !== 0) {
        return;
      }
      var entry = event.target.closest('a.entry.movable');
      if (entry) {
        drag = {mode: event.target.classList.contains('resize') ? 'resize' : 'move', origin: slot, entry: entry};
        entry.classList.add('moving');
      } else if (event.target === slot) {
        drag = {mode: 'create', origin: slot};
      } else {
        return;
      }
      event.preventDefault(); // no text selection while dragging
    });
  });

  document.addEventListener('mousemove', function (event) {
    if (drag) {
      var over = slotAt(event);
      mark(drag.mode === 'move' ? over : drag.origin, over);
    }
  });

  document.addEventListener('mouseup', function (event) {
    if (!drag) {
      return;
    }
    var d = drag;
    drag = null;
    mark(null, null);
    if (d.entry) {
      d.entry.classList.remove('moving');
    }
    var target = slotAt(event);
    if (!target) {
      return;
    }
    if (d.mode === 'create') {
      if (target.dataset.day !== d.origin.dataset.day || target === d.origin) {
        newMeeting(d.origin.dataset.start);
      } else {
        var first = d.origin.dataset.start < target.dataset.start ? d.origin : target;
        var last = first === d.origin ? target : d.origin;
        newMeeting(first.dataset.start, hourAfter(last.dataset.start));
      }
      return;
    }
    if (target === d.origin) {
      return; // no move: the click that follows opens the meeting
    }
    swallowClick = true;
    if (d.mode === 'move') {
      var minutes = d.entry.querySelector('.time') ? d.entry.querySelector('.time').textContent.trim().substring(3, 5) : '00';
      move(d.entry, target.dataset.start.substring(0, 14) + minutes);
    } else if (target.dataset.day === d.origin.dataset.day && target.dataset.start > d.origin.dataset.start) {
      move(d.entry, null, hourAfter(target.dataset.start));
    }
  });

  document.addEventListener('click', function (event) {
    if (swallowClick && event.target.closest('a.entry')) {
      event.preventDefault(); // the link under a dragged meeting is not followed
    }
    swallowClick = false;
  }, true);
})();
