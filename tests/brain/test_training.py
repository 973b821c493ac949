"""`assistant train` retrains only when something that shapes the model changed."""

import json
from pathlib import Path

import pytest

from assistant.brain import training


@pytest.fixture
def project(tmp_path):
    (tmp_path / "config.yml").write_text("language: zh\n")
    (tmp_path / "nlu" / "jieba").mkdir(parents=True)
    (tmp_path / "nlu" / "sales.yml").write_text("nlu: []\n")
    (tmp_path / "nlu" / "jieba" / "shop.txt").write_text("大米 2000 n\n")
    (tmp_path / "models").mkdir()
    return tmp_path


def test_fingerprint_follows_data_config_dictionaries_and_domain(project):
    before = training.fingerprint(project)
    assert training.fingerprint(project) == before
    for path, text in [("nlu/sales.yml", "nlu: [x]\n"), ("config.yml", "language: en\n"),
                       ("nlu/jieba/shop.txt", "花生油 2000 n\n"), ("domain.yml", "intents: []\n")]:
        (project / path).write_text(text)
        after = training.fingerprint(project)
        assert after != before, path
        before = after


def test_up_to_date_model_is_reused_without_training(project, monkeypatch):
    model = project / "models" / "20260315-120000-nlu.tar.gz"
    model.write_bytes(b"model")
    (project / "models" / ".fingerprint").write_text(
        json.dumps({"fingerprint": training.fingerprint(project), "model": model.name}))
    monkeypatch.setattr(training.subprocess, "run", lambda *a, **k: pytest.fail("must not train"))
    assert training.train(root=project, models_dir=project / "models", progress=False) == model


def test_changed_data_trains_nlu_only_without_a_domain(project, monkeypatch):
    calls = []

    def fake_rasa(command, **kwargs):
        calls.append((command, kwargs["env"]["RASA_MAX_CACHE_SIZE"]))
        name = command[command.index("--fixed-model-name") + 1]
        (Path(command[command.index("--out") + 1]) / f"{name}.tar.gz").write_bytes(b"model")
        return training.subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(training.subprocess, "run", fake_rasa)
    model = training.train(root=project, models_dir=project / "models", progress=False)
    assert model.exists() and model.name.endswith("-nlu.tar.gz")
    assert calls[0][0][3:5] == ["train", "nlu"] and calls[0][1] == "0"
    # Same inputs: the second call reuses the model.
    assert training.train(root=project, models_dir=project / "models", progress=False) == model
    assert len(calls) == 1


def test_failed_training_says_what_to_do(project, monkeypatch):
    monkeypatch.setattr(training.subprocess, "run",
                        lambda command, **k: training.subprocess.CompletedProcess(command, 1, "", "bad yaml"))
    with pytest.raises(training.AssistantError, match="assistant train"):
        training.train(root=project, models_dir=project / "models", progress=False)


def test_a_model_appears_whole_or_not_at_all(project, monkeypatch):
    """Rasa writes the archive bit by bit: a server starting meanwhile must not find half of it."""
    seen_while_writing = []

    def slow_rasa(command, **kwargs):
        out = Path(command[command.index("--out") + 1])
        archive = out / f"{command[command.index('--fixed-model-name') + 1]}.tar.gz"
        archive.write_bytes(b"first half")
        seen_while_writing.extend(p.name for p in (project / "models").glob("*.tar.gz"))
        archive.write_bytes(b"first half, second half")
        return training.subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(training.subprocess, "run", slow_rasa)
    model = training.train(root=project, models_dir=project / "models", progress=False)
    assert seen_while_writing == []
    assert model.read_bytes() == b"first half, second half"
    assert json.loads((project / "models" / ".fingerprint").read_text())["model"] == model.name
    # Nothing of the work is left next to the models.
    assert sorted(p.name for p in (project / "models").iterdir()) == [".fingerprint", model.name]


def test_a_failed_training_leaves_no_partial_model(project, monkeypatch):
    def failing_rasa(command, **kwargs):
        out = Path(command[command.index("--out") + 1])
        (out / f"{command[command.index('--fixed-model-name') + 1]}.tar.gz").write_bytes(b"half")
        return training.subprocess.CompletedProcess(command, 1, "", "killed")

    monkeypatch.setattr(training.subprocess, "run", failing_rasa)
    with pytest.raises(training.AssistantError):
        training.train(root=project, models_dir=project / "models", progress=False)
    assert list((project / "models").iterdir()) == []
