"""A self-signed https certificate for the shop's Wi-Fi: phones allow the microphone only on https."""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
from dataclasses import dataclass
from pathlib import Path

VALID_DAYS = 825  # the longest validity Apple devices accept for a TLS server certificate


@dataclass(frozen=True)
class CertificateFiles:
    """Where the certificate and its private key were written, and the names it is valid for."""

    certfile: Path
    keyfile: Path
    names: list[str]


def lan_addresses() -> list[str]:
    """This machine's IPv4 addresses on the local network (what phones on the shop's Wi-Fi connect to)."""
    found: set[str] = set()
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, family=socket.AF_INET):
            found.add(str(info[4][0]))
    except OSError:
        pass
    # The address the default route uses; connecting a UDP socket sends nothing.
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))
            found.add(probe.getsockname()[0])
        except OSError:
            pass
    return sorted(a for a in found if not ipaddress.ip_address(a).is_loopback)


def make_certificate(folder: Path, *, today: dt.date, extra_names: list[str] | None = None) -> CertificateFiles:
    """Write ``cert.pem`` and ``key.pem`` (EC P-256, self-signed) for localhost, 127.0.0.1 and the LAN IPs,
    valid from the day before ``today``."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    hostname = socket.gethostname()
    names = list(dict.fromkeys(["localhost", hostname, "127.0.0.1", *lan_addresses(), *(extra_names or [])]))
    alternatives: list[x509.GeneralName] = []
    for name in names:
        try:
            alternatives.append(x509.IPAddress(ipaddress.ip_address(name)))
        except ValueError:
            alternatives.append(x509.DNSName(name))
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"掌柜 Zhanggui ({hostname})")])
    now = dt.datetime.combine(today, dt.time(), tzinfo=dt.timezone.utc)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=VALID_DAYS))
        .add_extension(x509.SubjectAlternativeName(alternatives), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .sign(key, hashes.SHA256())
    )
    folder.mkdir(parents=True, exist_ok=True)
    certfile, keyfile = folder / "cert.pem", folder / "key.pem"
    keyfile.touch(mode=0o600)
    keyfile.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    certfile.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return CertificateFiles(certfile=certfile, keyfile=keyfile, names=names)


def certificate_folder(data_dir: Path) -> Path:
    """Where ``assistant cert`` writes and ``assistant serve --https`` reads the certificate."""
    return data_dir / "tls"
