"""``assistant cert``: a certificate phones on the shop's Wi-Fi accept for https (after trusting it once)."""

import datetime as dt
import ipaddress

from cryptography import x509
from cryptography.hazmat.primitives.serialization import load_pem_private_key

from assistant.cli import main
from assistant.web.certificate import make_certificate


def test_certificate_names_localhost_and_the_lan(tmp_path):
    made = make_certificate(tmp_path, today=dt.date(2026, 3, 15), extra_names=["shop.lan", "192.168.1.20"])
    cert = x509.load_pem_x509_certificate(made.certfile.read_bytes())
    assert cert.not_valid_before_utc.date() == dt.date(2026, 3, 14)  # a phone's clock a little behind still accepts it
    names = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert {"localhost", "shop.lan"} <= set(names.get_values_for_type(x509.DNSName))
    ips = set(names.get_values_for_type(x509.IPAddress))
    assert {ipaddress.ip_address("127.0.0.1"), ipaddress.ip_address("192.168.1.20")} <= ips
    key = load_pem_private_key(made.keyfile.read_bytes(), password=None)
    assert key.public_key().public_numbers() == cert.public_key().public_numbers()
    assert made.keyfile.stat().st_mode & 0o077 == 0  # the private key is readable by its owner only


def test_cert_command_prints_where_and_how(tmp_path, capsys):
    assert main(["cert", "--out", str(tmp_path / "tls")]) == 0
    out = capsys.readouterr().out
    assert "cert.pem" in out and "assistant serve --https" in out
    assert (tmp_path / "tls" / "key.pem").is_file()
