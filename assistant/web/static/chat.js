// Typed chat: send the message to the REST webhook (the session cookie authenticates) and show replies,
// with 对 / 不对 / 取消 buttons while a read-back waits. The conversation continues across reloads: the
// sender id is kept in localStorage and the turns so far come back from /api/conversation.
// voice.js adds spoken turns through window.zhanggui.
(() => {
  const S = window.zhangguiStrings;
  const turns = document.getElementById("turns");
  const form = document.getElementById("ask");
  const input = document.getElementById("message");
  const stateLabel = document.getElementById("state");

  // crypto.randomUUID exists only in secure contexts: on http://shop.lan it is missing.
  function newId() {
    if (window.crypto && typeof crypto.randomUUID === "function") return crypto.randomUUID();
    const bytes = new Uint8Array(16);
    if (window.crypto && crypto.getRandomValues) crypto.getRandomValues(bytes);
    else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  function storedSender() {
    try {
      const kept = localStorage.getItem("zhanggui-sender");
      if (kept) return kept;
      const made = `web-${newId()}`;
      localStorage.setItem("zhanggui-sender", made);
      return made;
    } catch (error) {
      return `web-${newId()}`;  // private mode without storage: this page's conversation only
    }
  }
  const sender = storedSender();

  function setState(name, text) {
    stateLabel.dataset.state = name;
    stateLabel.textContent = text || S[name] || "";
  }

  function removeButtons() {
    turns.querySelectorAll(".choices").forEach((row) => row.remove());
  }

  function buttonsFor(reply) {
    if (reply.awaiting_confirmation) {
      return [{ title: S.yes, payload: "/affirm" }, { title: S.no, payload: "/deny" },
              { title: S.cancel, payload: "/deny" }];
    }
    return reply.buttons || [];
  }

  // The dock (text box, microphone, notices) is fixed over the bottom of the page: scrolling a turn to the
  // bottom of the window would leave the newest answer and its 对/不对 buttons hidden behind it.
  const dock = document.querySelector(".dock");
  function reveal(element) {
    element.style.scrollMarginBottom = `${(dock ? dock.offsetHeight : 0) + 8}px`;
    element.scrollIntoView({ block: "end" });
  }

  function show(text, who, extra, buttons) {
    const item = document.createElement("li");
    item.className = who;
    const body = document.createElement("span");
    body.className = "text";
    body.textContent = text;
    item.append(body);
    if (extra) item.appendChild(extra);
    turns.appendChild(item);
    if (buttons && buttons.length) {
      const row = document.createElement("li");
      row.className = "choices";
      for (const choice of buttons) {
        const button = document.createElement("button");
        button.type = "button";
        button.textContent = choice.title;
        button.className = choice.payload === "/affirm" ? "" : "secondary";
        button.addEventListener("click", () => send(choice.payload, choice.title));
        row.appendChild(button);
      }
      turns.appendChild(row);
    }
    reveal(turns.lastElementChild);
    return item;
  }

  function showReply(reply, extra) {
    removeButtons();
    return show(reply.text, "bot", extra, buttonsFor(reply));
  }

  // Right after a restart the model takes ~30 s to load: the server answers 503 with Retry-After. The
  // message is not lost: say so once, wait and send it again (for up to three minutes).
  async function postWhenReady(message) {
    let told = null;
    for (let waited = 0; ; ) {
      const response = await fetch("/webhooks/rest/webhook", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ sender, message }),
      });
      const retry = Number(response.headers.get("Retry-After"));
      if (response.status !== 503 || !retry || waited >= 180) {
        if (told) told.remove();
        return response;
      }
      if (!told) told = show(S.gettingReady, "bot hint");
      await new Promise((resolve) => setTimeout(resolve, retry * 1000));
      waited += retry;
    }
  }

  // Why there is no dialogue, or why the message was refused, from the server ("中文 / English"), in the
  // page's language.
  async function unavailableReason(response, fallback = S.noBrain) {
    try {
      const detail = (await response.json()).detail;
      if (typeof detail !== "string") return fallback;
      const parts = detail.split(" / ");
      const english = (document.documentElement.lang || "").startsWith("en");
      return (english ? parts[1] : parts[0]) || fallback;
    } catch (error) {
      return fallback;
    }
  }

  async function send(message, shown) {
    removeButtons();
    show(shown || message, "me");
    setState("thinking");
    try {
      const response = await postWhenReady(message);
      if (response.status === 401) { location.href = "/login?next=/"; return; }
      if (response.status === 503) throw new Error(await unavailableReason(response));
      if (response.status === 422) throw new Error(await unavailableReason(response, S.error));
      if (!response.ok) throw new Error(S.error);
      for (const reply of await response.json()) if (reply.text) showReply(reply);
    } catch (error) {
      show(error.message && error.message !== "Failed to fetch" ? error.message : S.error, "bot error");
    } finally {
      setState("idle", S.ready);
    }
  }

  async function restore() {
    try {
      const response = await fetch(`/api/conversation?sender=${encodeURIComponent(sender)}`);
      if (!response.ok) return;
      const past = await response.json();
      if (!past.length) return;
      turns.querySelectorAll(".hint").forEach((hint) => hint.remove());
      past.forEach((turn, index) => {
        if (turn.from === "owner") show(turn.text, "me");
        else show(turn.text, "bot", null, index === past.length - 1 ? buttonsFor(turn) : null);
      });
    } catch (error) {
      // No history is no reason to stop the chat.
    }
  }

  window.zhanggui = { show, showReply, sender, setState };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const message = input.value.trim();
    if (!message) return;
    input.value = "";
    send(message);
  });
  // The page arrives with 发送 disabled: a tap before this script has loaded would post the form itself and
  // leave her on an error page (seen on a slow phone); now the script is here to send it.
  document.getElementById("send").disabled = false;
  restore();
})();
