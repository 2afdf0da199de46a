/* The date picker's month and day names in the page's language (served locally, no CDN).

Dash's DatePickerSingle formats with date-fns and takes its locale from window.dateFns.locale,
choosing by the browser's language and falling back to the first one there. Offering only the
page's language (the waspada_lang cookie, Indonesian by default) makes that choice the page's:
Indonesian gets the object below, English gets date-fns's built-in en-US.
*/
(function () {
  var MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
    "September", "Oktober", "November", "Desember"];
  var MONTHS_SHORT = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"];
  var DAYS = ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"];
  var DAYS_SHORT = ["Min", "Sen", "Sel", "Rab", "Kam", "Jum", "Sab"];
  var DAYS_NARROW = ["M", "S", "S", "R", "K", "J", "S"];

  function pick(wide, abbreviated, narrow) {
    return function (index, options) {
      var width = (options && options.width) || "wide";
      if (width === "narrow") return narrow[index];
      if (width === "abbreviated" || width === "short") return abbreviated[index];
      return wide[index];
    };
  }

  function matcher(lists) {
    // The longest name first, so "Juni" never stops at "Jun"; case-insensitive like date-fns.
    var names = [];
    lists.forEach(function (list) {
      list.forEach(function (name, index) { names.push([name.toLowerCase(), index]); });
    });
    names.sort(function (a, b) { return b[0].length - a[0].length; });
    return function (text) {
      var lower = String(text).toLowerCase();
      for (var i = 0; i < names.length; i += 1) {
        if (lower.indexOf(names[i][0]) === 0) {
          return { value: names[i][1], rest: String(text).slice(names[i][0].length) };
        }
      }
      return null;
    };
  }

  function none() { return null; }

  var indonesian = {
    code: "id",
    localize: {
      ordinalNumber: function (n) { return "ke-" + n; },
      era: pick(["Sebelum Masehi", "Masehi"], ["SM", "M"], ["SM", "M"]),
      quarter: pick(["Kuartal 1", "Kuartal 2", "Kuartal 3", "Kuartal 4"], ["K1", "K2", "K3", "K4"],
        ["1", "2", "3", "4"]),
      month: pick(MONTHS, MONTHS_SHORT, MONTHS_SHORT),
      day: pick(DAYS, DAYS_SHORT, DAYS_NARROW),
      dayPeriod: function (period) { return period === "pm" ? "PM" : "AM"; },
    },
    formatLong: {
      date: function () { return "d MMMM yyyy"; },
      time: function () { return "HH.mm"; },
      dateTime: function () { return "{{date}} {{time}}"; },
    },
    match: {
      ordinalNumber: none,
      era: none,
      quarter: none,
      month: matcher([MONTHS, MONTHS_SHORT]),
      day: matcher([DAYS, DAYS_SHORT]),
      dayPeriod: none,
    },
    options: { weekStartsOn: 1, firstWeekContainsDate: 1 },
  };

  function pageLanguage() {
    var found = document.cookie.match(/(?:^|;\s*)waspada_lang=([a-z]+)/);
    return found ? found[1] : "id";  // dashboard/i18n.py DEFAULT_LANGUAGE
  }

  window.dateFns = window.dateFns || {};
  Object.defineProperty(window.dateFns, "locale", {
    configurable: true,
    get: function () { return pageLanguage() === "id" ? { id: indonesian } : {}; },
  });
})();
