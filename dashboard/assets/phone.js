/* Waspada on a phone: the map page's controls start folded so the map comes first. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  waspada: Object.assign({}, (window.dash_clientside || {}).waspada, {
    foldOnPhone: function () {
      return !window.matchMedia("(max-width: 640px)").matches;  // dashboard/phone.py PHONE_MAX_WIDTH_PX
    },
  }),
});
