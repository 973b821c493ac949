// Microphone chat over /ws/voice: stream PCM from the AudioWorklet, show the partial transcript live,
// then the transcript and reply, and speak the reply's MP3. States: idle, listening, thinking, speaking,
// offline. Tap to start and tap to stop, or hold and release; silence after speech also stops.
(() => {
  const mic = document.getElementById("mic");
  const stateLabel = document.getElementById("state");
  const partial = document.getElementById("partial");
  const handsFree = document.getElementById("handsfree");
  const notice = document.getElementById("notice");
  const { show, showReply, sender } = window.zhanggui;
  const S = window.zhangguiStrings;
  const LABELS = {
    idle: S.ready, listening: S.listening, thinking: S.thinking, speaking: S.speaking, offline: S.offline,
  };
  // The server's error codes, said in the owner's language (the English details stay in the server log).
  const ERRORS = {
    model_unavailable: S.noSpeechModel, no_speech: S.noWords, speech_unavailable: S.notSpoken,
    no_dialogue: S.noBrain, reply_failed: S.error,
  };
  // getUserMedia's refusals, each with what to do.
  const MIC_ERRORS = {
    NotAllowedError: S.micDenied, SecurityError: S.micDenied, NotFoundError: S.micMissing,
    OverconstrainedError: S.micMissing, NotReadableError: S.micBusy, AbortError: S.micFailed,
  };
  const SILENCE_RMS = 0.015;      // below this a 0.1 s frame counts as silence (full scale is 1)
  const SILENCE_AFTER_SPEECH = 1200; // ms of quiet after speech that ends a turn
  const MAX_TURN = 15000;         // ms; the server refuses longer turns anyway

  let state = "idle";
  let socket = null;
  let audio = null;               // { context, source, node, stream }
  let heardSpeech = false, quietSince = 0, startedAt = 0, pressedAt = 0, tapToStop = false;
  let mp3Chunks = null;

  function setState(next, detail) {
    state = next;
    stateLabel.dataset.state = next;
    stateLabel.textContent = LABELS[next];
    if (detail) say(detail);
    mic.setAttribute("aria-pressed", String(next === "listening"));
    mic.setAttribute("aria-label", next === "listening" ? S.stopTalking : S.holdToTalk);
    mic.classList.toggle("on", next === "listening");
  }

  // One short sentence in the owner's language, with a link when there is something to set up.
  function say(text, link) {
    notice.hidden = false;
    notice.textContent = text;
    if (link) {
      const anchor = document.createElement("a");
      anchor.href = link.href;
      anchor.textContent = link.text;
      notice.append(" ", anchor);
    }
  }

  function connect() {
    if (socket && socket.readyState <= WebSocket.OPEN) return Promise.resolve(socket);
    return new Promise((resolve, reject) => {
      const scheme = location.protocol === "https:" ? "wss" : "ws";
      const ws = new WebSocket(`${scheme}://${location.host}/ws/voice`);
      ws.binaryType = "arraybuffer";
      ws.onopen = () => { socket = ws; resolve(ws); };
      ws.onerror = () => reject(new Error(S.voiceFailed));
      ws.onclose = (event) => {
        if (socket === ws) socket = null;
        stopCapture();
        if (event.code === 1008) { location.href = "/login?next=/"; return; }
        if (state !== "idle") setState("idle");
      };
      ws.onmessage = onMessage;
    });
  }

  function onMessage(message) {
    if (typeof message.data !== "string") {
      if (mp3Chunks) mp3Chunks.push(message.data);
      return;
    }
    const event = JSON.parse(message.data);
    if (event.type === "partial") {
      partial.hidden = !event.text;
      partial.textContent = event.text;
    } else if (event.type === "transcript") {
      partial.hidden = true;
      show(event.text, "me voice");
      setState("thinking");
    } else if (event.type === "reply") {
      showReply(event, recordedAudio(event));
      setState("idle");
      if (!mp3Chunks) afterReply();
    } else if (event.type === "audio") {
      mp3Chunks = [];
      setState("speaking");
    } else if (event.type === "audio_end") {
      play(new Blob(mp3Chunks, { type: "audio/mpeg" }));
      mp3Chunks = null;
    } else if (event.type === "error") {
      partial.hidden = true;
      if (event.code === "model_unavailable") markNoSpeech();
      else show(ERRORS[event.code] || S.error, "bot error");
      if (state !== "offline") setState("idle");
      if (event.code === "no_speech") afterReply();
    }
  }

  function recordedAudio(event) {
    const url = event.custom && event.custom.audio_url;
    if (!url) return null;
    const player = document.createElement("audio");
    player.controls = true;
    player.src = url;
    return player;
  }

  function play(blob) {
    const url = URL.createObjectURL(blob);
    const player = new Audio(url);
    const done = () => { URL.revokeObjectURL(url); if (state === "speaking") setState("idle"); afterReply(); };
    player.onended = done;
    player.play().catch(done);
  }

  function afterReply() {
    if (handsFree.checked && state === "idle") startListening();
  }

  async function startListening() {
    if (state === "listening") return;
    try {
      const ws = await connect();
      const stream = await navigator.mediaDevices.getUserMedia({
        audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true },
      });
      const context = new AudioContext();
      await context.audioWorklet.addModule("/static/recorder-worklet.js");
      const source = context.createMediaStreamSource(stream);
      const node = new AudioWorkletNode(context, "recorder-processor");
      ws.send(JSON.stringify({ type: "start", sample_rate: context.sampleRate, format: "pcm", sender }));
      heardSpeech = false; quietSince = 0; startedAt = Date.now();
      node.port.onmessage = (frame) => onFrame(frame.data);
      source.connect(node);
      audio = { context, source, node, stream };
      setState("listening");
    } catch (error) {
      stopCapture();
      setState("idle", MIC_ERRORS[error.name] || error.message || S.micFailed);
    }
  }

  function onFrame(buffer) {
    if (!socket || state !== "listening") return;
    socket.send(buffer);
    const samples = new Int16Array(buffer);
    let sum = 0;
    for (const s of samples) sum += (s / 32768) ** 2;
    const loud = Math.sqrt(sum / samples.length) > SILENCE_RMS;
    const now = Date.now();
    if (loud) { heardSpeech = true; quietSince = 0; } else if (!quietSince) quietSince = now;
    if ((heardSpeech && quietSince && now - quietSince > SILENCE_AFTER_SPEECH) || now - startedAt > MAX_TURN) {
      stopListening();
    }
  }

  function stopCapture() {
    if (!audio) return;
    audio.source.disconnect();
    audio.node.port.onmessage = null;
    audio.stream.getTracks().forEach((track) => track.stop());
    audio.context.close();
    audio = null;
  }

  function stopListening() {
    if (state !== "listening") return;
    stopCapture();
    if (socket) socket.send(JSON.stringify({ type: "stop" }));
    setState("thinking");
  }

  mic.addEventListener("pointerdown", (event) => {
    event.preventDefault();
    if (state === "listening") { tapToStop = true; return; }
    pressedAt = Date.now();
    startListening();
  });
  mic.addEventListener("pointerup", () => {
    if (tapToStop) { tapToStop = false; stopListening(); return; }
    if (state === "listening" && Date.now() - pressedAt > 600) stopListening();  // released after holding
  });
  mic.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" && event.key !== " ") return;
    event.preventDefault();
    if (state === "listening") stopListening(); else startListening();
  });
  window.addEventListener("offline", () => setState("offline"));
  window.addEventListener("online", () => { if (state === "offline") setState("idle"); });
  function markNoSpeech() {
    mic.disabled = true;
    mic.classList.add("off");
    say(S.noSpeechModel);
  }

  if (!window.isSecureContext || !navigator.mediaDevices || !window.AudioWorkletNode) {
    // Browsers give the microphone only to https pages (or the computer itself): typing still works.
    mic.disabled = true;
    mic.classList.add("off");
    say(S.needsHttps, { href: "/help/phone", text: S.howTo });
  } else {
    fetch("/health").then((r) => r.json()).then((health) => {
      if (health.speech && health.speech.ready === false) markNoSpeech();
    }).catch(() => {});
  }
})();
