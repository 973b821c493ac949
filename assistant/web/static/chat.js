// Typed chat: send the message to the REST webhook (the session cookie authenticates) and show replies.
// Past turns stay in the page; voice.js adds spoken turns through window.zhanggui.show.
const turns = document.getElementById("turns");
const form = document.getElementById("ask");
const input = document.getElementById("message");
const sender = localStorage.getItem("zhanggui-sender") || `web-${crypto.randomUUID()}`;
localStorage.setItem("zhanggui-sender", sender);

function show(text, who, extra) {
  const item = document.createElement("li");
  item.className = who;
  const time = document.createElement("time");
  time.textContent = new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  const body = document.createElement("span");
  body.className = "text";
  body.textContent = text;
  item.append(body, time);
  if (extra) item.appendChild(extra);
  turns.appendChild(item);
  item.scrollIntoView({ block: "end" });
  return item;
}

window.zhanggui = { show, sender };

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
    if (response.status === 401) { location.href = "/login?next=/"; return; }
    if (!response.ok) throw new Error((await response.json()).detail || response.statusText);
    for (const reply of await response.json()) if (reply.text) show(reply.text, "bot");
  } catch (error) {
    show(`出错了 / Error: ${error.message}`, "bot error");
  }
});
