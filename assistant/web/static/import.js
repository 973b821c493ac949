// Import without losing the chosen files: the form is sent with fetch and only the messages are replaced
// from the server's answer, so after a refusal she fixes the spreadsheet and presses Import again.
(() => {
  const form = document.getElementById("import-form");
  if (!form || !window.fetch || !window.DOMParser) return;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      const response = await fetch(form.action, { method: "POST", body: new FormData(form) });
      if (response.status === 401) { location.href = "/login?next=/import"; return; }
      const answer = new DOMParser().parseFromString(await response.text(), "text/html");
      for (const id of ["import-messages", "errors-form", "errors-customers", "errors-products", "errors-sales"]) {
        const fresh = answer.getElementById(id);
        const here = document.getElementById(id);
        if (fresh && here) here.replaceWith(fresh);
      }
      if (response.ok) form.reset();
      const focus = document.getElementById("errors") || document.querySelector("#import-messages [role=status]");
      if (focus) { focus.setAttribute("tabindex", "-1"); focus.focus(); }
    } catch (error) {
      form.submit();  // the page's own way still works
    } finally {
      button.disabled = false;
    }
  });
})();
