// The chat page's own words in the page's language (the server renders the page in Chinese or English).
(() => {
  const zh = {
    ready: "待命", listening: "在听…", thinking: "在想…", speaking: "在说…", offline: "连不上服务器",
    yes: "对", no: "不对", cancel: "取消",
    holdToTalk: "按住说话", stopTalking: "松开结束",
    error: "出错了,请再试一次", noBrain: "对话还没准备好,请让管电脑的人运行 assistant train",
    gettingReady: "正在准备,请稍等一下,马上回答",
    noSpeechModel: "语音还没装好,请用打字",
    needsHttps: "手机上用话筒要用 https 打开。", howTo: "怎么设置",
    micDenied: "话筒被拒绝了:点地址栏的锁形图标,允许使用话筒",
    micMissing: "没找到话筒:请接上话筒或换一台手机",
    micBusy: "话筒被别的应用占用了:关掉它再试",
    micFailed: "话筒打不开,请再试一次",
    noWords: "没听清,请靠近一点再说",
    notSpoken: "回答没能读出来,已显示为文字",
    voiceFailed: "语音连接断了,请再试一次",
    loggedOut: "请重新登录",
  };
  const en = {
    ready: "Ready", listening: "Listening…", thinking: "Thinking…", speaking: "Speaking…", offline: "Cannot reach the server",
    yes: "Yes", no: "No", cancel: "Cancel",
    holdToTalk: "Hold to talk", stopTalking: "Release to stop",
    error: "Something went wrong, please try again", noBrain: "The chat is not ready: ask whoever runs the computer to run assistant train",
    gettingReady: "Getting ready, one moment: the answer is coming",
    noSpeechModel: "Voice is not installed yet: please type",
    needsHttps: "On a phone the microphone needs the page opened over https.", howTo: "How to set it up",
    micDenied: "The microphone was refused: tap the lock icon by the address and allow the microphone",
    micMissing: "No microphone found: plug one in or use another phone",
    micBusy: "Another app is using the microphone: close it and try again",
    micFailed: "The microphone could not start, please try again",
    noWords: "I didn't catch that: come closer and say it again",
    notSpoken: "The answer could not be spoken; it is shown as text",
    voiceFailed: "The voice connection dropped, please try again",
    loggedOut: "Please log in again",
  };
  const english = document.documentElement.lang === "en";
  window.zhangguiStrings = english ? en : zh;
  window.zhangguiLanguage = english ? "en" : "zh";
})();
