// Typed chat: send the message to the REST webhook (the session cookie authenticates) and show replies.
const turns = document.getElementById("turns");
const form = document.getElementById("ask");
const input = document.getElementById("message");
const sender = localStorage.getItem("zhanggui-sender") || `web-${crypto.randomUUID()}`;
localStorage.setItem("zhanggui-sender", sender);

function show(text, who) {
  const item = document.createElement("li");
  item.className = who;
  item.textContent = text;
  turns.appendChild(item);
  item.scrollIntoView({ block: "end" });
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const message = input.value.trim();
  if (!message) return;
  show(message, "me");
  input.value = "";
  try {
    const response = await fetch("/webhooks/rest/webhook", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sender, message }),
    });
    if (!response.ok) throw new Error((await response.json()).detail || response.statusText);
    for (const reply of await response.json()) if (reply.text) show(reply.text, "bot");
  } catch (error) {
    show(`出错了 / Error: ${error.message}`, "bot error");
  }
});
