// Today's to-do list: "done" and "later" remembered on this phone for the day (localStorage), done tasks
// greyed at the bottom, later ones moved after the rest; the print button prints the list.
(() => {
  const list = document.getElementById("tasks");
  const print = document.getElementById("print");
  if (print) print.addEventListener("click", () => window.print());
  if (!list) return;
  const storageKey = `zhanggui-today-${list.dataset.day}`;

  function load() {
    try { return JSON.parse(localStorage.getItem(storageKey) || "{}"); } catch (error) { return {}; }
  }
  function save(marks) {
    try { localStorage.setItem(storageKey, JSON.stringify(marks)); } catch (error) { /* no storage: this visit only */ }
  }

  function arrange(marks) {
    const cards = Array.from(list.children);
    const rank = (card) => (card.dataset.done || marks[card.dataset.key] === "done" ? 2 : marks[card.dataset.key] === "later" ? 1 : 0);
    cards.forEach((card) => card.classList.toggle("done", rank(card) === 2));
    cards.sort((a, b) => rank(a) - rank(b)).forEach((card) => list.appendChild(card));
  }

  const marks = load();
  list.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    if (!button) return;
    const card = button.closest("li[data-key]");
    marks[card.dataset.key] = marks[card.dataset.key] === button.dataset.action ? undefined : button.dataset.action;
    save(marks);
    arrange(marks);
    button.focus();
  });
  arrange(marks);
})();
