// After a refused form the page opens at the top, where the list of problems is: move focus there so a
// screen reader reads it and the keyboard starts from it.
(() => {
  const errors = document.getElementById("errors");
  if (errors) errors.focus();
})();
