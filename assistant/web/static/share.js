// Share a greeting into WeChat (or any app) with the Web Share API: its text and, where the phone can
// share files, its audio. Without the API (desktop, plain http) the text is copied for pasting instead.
(() => {
  const english = document.documentElement.lang === "en";
  const S = english
    ? { shared: "Shared", copied: "Copied: paste it into WeChat", failed: "Could not share: press and hold the text to copy it" }
    : { shared: "已分享", copied: "已复制,去微信里粘贴", failed: "没能分享:长按文字复制" };

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    // The clipboard API is missing over plain http: the old way still works in a click handler.
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  async function audioFile(url, title) {
    const response = await fetch(url);
    if (!response.ok) return null;
    const blob = await response.blob();
    const type = blob.type || "audio/mpeg";
    const extension = type.includes("wav") ? "wav" : type.includes("ogg") ? "ogg" : "mp3";
    return new File([blob], `${title}.${extension}`, { type });
  }

  async function share(button) {
    const card = button.closest("li");
    const status = card.querySelector(".share-status");
    const text = button.dataset.text || "";
    try {
      if (navigator.share) {
        const data = { title: button.dataset.title, text };
        if (button.dataset.audio && navigator.canShare) {
          const file = await audioFile(button.dataset.audio, button.dataset.title).catch(() => null);
          if (file && navigator.canShare({ files: [file] })) data.files = [file];
        }
        await navigator.share(data);
        status.textContent = S.shared;
        return;
      }
      await copy(text);
      status.textContent = S.copied;
    } catch (error) {
      if (error && error.name === "AbortError") return;  // she closed the share sheet
      try { await copy(text); status.textContent = S.copied; } catch (again) { status.textContent = S.failed; }
    }
  }

  document.querySelectorAll("button.share").forEach((button) => {
    button.addEventListener("click", () => share(button));
  });
})();
