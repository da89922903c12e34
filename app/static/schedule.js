/* Mutua's schedule editor (worker page): small, local, no framework.
   Without it the form does the same through the server (each button posts the form back
   unsaved); with it, adding or removing a block and copying a week happen in the page,
   and the weekly totals follow what is typed. A block's length is counted as the server
   counts it: an end not after the start is the next day (22:00-06:00 is 8 h). */
(function () {
  "use strict";

  /* As the server reads a time (app/web/schedule_editor.py): 24-hour clock, 22:00, 22h00,
     22u00, 22.00, 2200, 22, 7:30; 24:00 only as an end (midnight). */
  var TIME = /^([01]?[0-9]|2[0-4])(?:[:hHuU.]?([0-5][0-9]))?(?::00)?$/;
  var DAY = 24 * 60;

  function minutes(text, end) {
    var found = TIME.exec((text || "").trim());
    if (!found) {
      return null;
    }
    var hour = Number(found[1]);
    var minute = Number(found[2] || 0);
    if (hour === 24) {
      return end && minute === 0 ? 0 : null;
    }
    return hour * 60 + minute;
  }

  /* What the server will read, written as it will show it: "9h" -> "09:00". */
  function tidy(input) {
    var end = /-end$/.test(input.name);
    var value = minutes(input.value, end);
    if (value === null || (end && input.value.trim().indexOf("24") === 0)) {
      return;
    }
    var pad = function (n) {
      return (n < 10 ? "0" : "") + n;
    };
    var written = pad(Math.floor(value / 60)) + ":" + pad(value % 60);
    if (input.value !== written) {
      input.value = written;
    }
  }

  function length(start, end) {
    var from = minutes(start, false);
    var to = minutes(end, true);
    if (from === null || to === null || from === to) {
      return 0;
    }
    return to > from ? to - from : to + DAY - from;
  }

  function times(block) {
    return block.querySelectorAll("input");
  }

  /* Names and labels follow the block's place: b-<week>-<member>-<weekday>-<n>-start. */
  function renumber(cell) {
    var key = cell.dataset.cell;
    var where = cell.dataset.where;
    cell.querySelectorAll(".block").forEach(function (block, n) {
      var inputs = times(block);
      var name = "b-" + key + "-" + n;
      inputs[0].name = name + "-start";
      inputs[0].setAttribute("aria-label", where + ", " + cell.dataset.start + " " + (n + 1));
      inputs[1].name = name + "-end";
      inputs[1].setAttribute("aria-label", where + ", " + cell.dataset.end + " " + (n + 1));
      var remove = block.querySelector("button");
      remove.value = "remove-" + key + "-" + n;
      remove.setAttribute("aria-label", cell.dataset.remove + " — " + where + " " + (n + 1));
    });
  }

  function addBlock(cell, start, end) {
    var block = cell.querySelector(".block").cloneNode(true);
    block.classList.remove("refused");
    block.querySelectorAll(".error").forEach(function (error) {
      error.remove();
    });
    var inputs = times(block);
    [start, end].forEach(function (value, i) {
      inputs[i].value = value || "";
      inputs[i].removeAttribute("aria-invalid");
      inputs[i].removeAttribute("aria-describedby");
    });
    cell.insertBefore(block, cell.querySelector("button.add"));
    return block;
  }

  function removeBlock(cell, block) {
    if (cell.querySelectorAll(".block").length > 1) {
      block.remove();
    } else {
      times(block).forEach(function (input) {
        input.value = "";
      });
    }
    renumber(cell);
  }

  /* A cell becomes a copy of another: its filled blocks, or one empty block. */
  function fill(cell, spans) {
    var blocks = cell.querySelectorAll(".block");
    for (var i = 1; i < blocks.length; i++) {
      blocks[i].remove();
    }
    var first = times(blocks[0]);
    first[0].value = spans.length ? spans[0][0] : "";
    first[1].value = spans.length ? spans[0][1] : "";
    spans.slice(1).forEach(function (span) {
      addBlock(cell, span[0], span[1]);
    });
    renumber(cell);
  }

  function copyWeek(form, button) {
    var source = button.dataset.copy;
    var copied = [];
    button
      .closest("fieldset")
      .querySelectorAll("input[type=checkbox]:checked")
      .forEach(function (box) {
        form.querySelectorAll('td[data-cell^="' + source + '-"]').forEach(function (from) {
          var place = from.dataset.cell.slice(source.length);
          var to = form.querySelector('td[data-cell="' + box.value + place + '"]');
          if (!to) {
            return;
          }
          var spans = [];
          from.querySelectorAll(".block").forEach(function (block) {
            var inputs = times(block);
            if (inputs[0].value || inputs[1].value) {
              spans.push([inputs[0].value, inputs[1].value]);
            }
          });
          fill(to, spans);
        });
        copied.push(box.value);
      });
    var status = form.querySelector("[data-announce]");
    if (status && copied.length) {
      status.textContent = status.dataset.copied;
    }
  }

  function show(element, text) {
    if (element.textContent !== text) {
      element.textContent = text;
    }
  }

  function totals(form) {
    var format = new Intl.NumberFormat(form.dataset.locale, {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    var hours = function (total) {
      return format.format(total / 60) + "\u00a0" + form.dataset.unit;
    };
    var sums = {};
    var all = 0;
    form.querySelectorAll("td[data-cell]").forEach(function (cell) {
      var parts = cell.dataset.cell.split("-");
      cell.querySelectorAll(".block").forEach(function (block) {
        var inputs = times(block);
        var span = length(inputs[0].value, inputs[1].value);
        sums[parts[0]] = (sums[parts[0]] || 0) + span;
        sums[parts[0] + "-" + parts[1]] = (sums[parts[0] + "-" + parts[1]] || 0) + span;
        all += span;
      });
    });
    form.querySelectorAll("[data-total]").forEach(function (cell) {
      show(cell, hours(sums[cell.dataset.total] || 0));
    });
    var average = form.querySelector("[data-average]");
    if (average) {
      show(average, hours(all / (form.querySelectorAll("fieldset.cycle-week").length || 1)));
    }
  }

  document.querySelectorAll("form.schedule").forEach(function (form) {
    form.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      var action = button ? button.value || "" : "";
      var cell = button ? button.closest("td[data-cell]") : null;
      if (action.indexOf("add-") === 0 && cell) {
        var block = addBlock(cell, "", "");
        renumber(cell);
        times(block)[0].focus();
      } else if (action.indexOf("remove-") === 0 && cell) {
        removeBlock(cell, button.closest(".block"));
        cell.querySelector("button.add").focus();
      } else if (action.indexOf("copy-") === 0) {
        copyWeek(form, button);
      } else {
        return;
      }
      event.preventDefault();
      totals(form);
    });
    form.addEventListener("input", function () {
      totals(form);
    });
    form.addEventListener("change", function (event) {
      if (event.target.closest(".block")) {
        tidy(event.target);
      }
      if (event.target.name === "cycle_weeks") {
        /* The weeks shown change on "show these weeks": point at it while they differ. */
        var shown = String(form.querySelectorAll("fieldset.cycle-week").length);
        var apply = form.querySelector('button[value="cycle"]');
        apply.classList.toggle("pending", event.target.value !== shown);
      }
      var words = event.target.id && form.querySelector('[data-day-for="' + event.target.id + '"]');
      if (words) {
        var day = new Date(event.target.value + "T12:00:00");
        show(words, isNaN(day) ? "" : new Intl.DateTimeFormat(form.dataset.locale, {
          day: "numeric",
          month: "long",
          year: "numeric",
        }).format(day));
      }
      totals(form);
    });
  });
})();
