/* Korean month and weekday names for Dash 4's date pickers (dcc.DatePickerRange / Single).
 *
 * Dash 4's picker formats with date-fns and takes its locale from `window.dateFns.locale`: the
 * entry matching the browser's language, else the first entry. The app's language is the
 * `jss_lang` cookie (pages/components/i18n.py), not the browser's, so in Korean mode this file
 * defines only a Korean locale (always chosen, whatever the browser's language), and in English
 * mode none (date-fns' built-in en-US). Served from assets/, so the Content-Security-Policy's
 * 'self' covers it; a small hand-written locale instead of a CDN script. */
(function () {
  var lang = (document.cookie.match(/(?:^|;\s*)jss_lang=(ko|en)/) || [])[1] || "ko";
  if (lang !== "ko") {
    return;
  }
  function pick(values) {
    return function (index, options) {
      var width = (options && options.width) || "wide";
      return (values[width] || values.wide)[index];
    };
  }
  var months = [];
  for (var m = 1; m <= 12; m++) {
    months.push(m + "월");
  }
  var localize = {
    ordinalNumber: function (n) { return String(n); },
    era: pick({narrow: ["BC", "AD"], abbreviated: ["BC", "AD"], wide: ["기원전", "서기"]}),
    quarter: pick({narrow: ["1", "2", "3", "4"], abbreviated: ["Q1", "Q2", "Q3", "Q4"],
                   wide: ["1분기", "2분기", "3분기", "4분기"]}),
    month: pick({narrow: months, abbreviated: months, wide: months}),
    day: pick({narrow: ["일", "월", "화", "수", "목", "금", "토"], short: ["일", "월", "화", "수", "목", "금", "토"],
               abbreviated: ["일", "월", "화", "수", "목", "금", "토"],
               wide: ["일요일", "월요일", "화요일", "수요일", "목요일", "금요일", "토요일"]}),
    dayPeriod: function (period) { return period === "am" || period === "morning" ? "오전" : "오후"; }
  };
  function formats(table) {
    return function (options) { return table[(options && options.width) || "full"] || table.full; };
  }
  var noMatch = function () { return null; };
  var ko = {
    code: "ko",
    localize: localize,
    formatLong: {
      date: formats({full: "y년 M월 d일 EEEE", long: "y년 M월 d일", medium: "y.MM.dd", short: "y.MM.dd"}),
      time: formats({full: "a H시 mm분 ss초", long: "a H:mm:ss", medium: "HH:mm:ss", short: "HH:mm"}),
      dateTime: formats({full: "{{date}} {{time}}", long: "{{date}} {{time}}", medium: "{{date}} {{time}}",
                         short: "{{date}} {{time}}"})
    },
    formatDistance: function (token, count) { return String(count); },
    formatRelative: function () { return "P"; },
    match: {ordinalNumber: noMatch, era: noMatch, quarter: noMatch, month: noMatch, day: noMatch, dayPeriod: noMatch},
    options: {weekStartsOn: 0, firstWeekContainsDate: 1}
  };
  window.dateFns = window.dateFns || {};
  window.dateFns.locale = {ko: ko};
})();
