"""Certificates as signed W3C Verifiable Credentials (Open Badges 3.0 «OpenBadgeCredential»).

The proof follows the Data Integrity «eddsa-jcs-2022» suite: the document and the proof options
are canonicalised as JSON (sorted keys, no spaces; our documents hold no floats), hashed with
SHA-256, and the concatenated hashes are signed with Ed25519. Keys are multibase base58btc.
The private key comes from settings.ACADEMY_SIGNING_KEY; in development one is generated once
under .data/ (that folder is never committed).
"""

import copy
import hashlib
import json
from functools import lru_cache

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
ED25519_MULTICODEC = b"\xed\x01"
CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]


def base58(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    text = ""
    while number:
        number, remainder = divmod(number, 58)
        text = BASE58[remainder] + text
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + text


def unbase58(text: str) -> bytes:
    number = 0
    for char in text:
        number = number * 58 + BASE58.index(char)
    body = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return b"\0" * (len(text) - len(text.lstrip("1"))) + body


@lru_cache(maxsize=1)
def private_key() -> Ed25519PrivateKey:
    pem = settings.ACADEMY_SIGNING_KEY
    if not pem:
        if settings.PRODUCTION:
            raise ImproperlyConfigured("ACADEMY_SIGNING_KEY is required in production.")
        path = settings.ACADEMY_DEV_KEY_PATH
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            generated = Ed25519PrivateKey.generate().private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
            path.write_bytes(generated)
        pem = path.read_text()
    return serialization.load_pem_private_key(pem.encode(), password=None)


def public_key_multibase(public_key: Ed25519PublicKey | None = None) -> str:
    public_key = public_key or private_key().public_key()
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return "z" + base58(ED25519_MULTICODEC + raw)


def issuer_url():
    return settings.SITE_URL.rstrip("/") + reverse("academy:issuer")


def _canonical(data) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _digest(document, proof_options) -> bytes:
    return (
        hashlib.sha256(_canonical(proof_options)).digest()
        + hashlib.sha256(_canonical(document)).digest()
    )


def unsigned_credential(certificate):
    return {
        "@context": CONTEXTS,
        "id": f"urn:uuid:{certificate.uuid}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {
            "id": issuer_url(),
            "type": ["Profile"],
            "name": "Муниципальная академия, Муниципалитеты.рф",
        },
        "validFrom": f"{certificate.issued_on.isoformat()}T00:00:00Z",
        "name": certificate.title,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "name": certificate.holder_name,
            "achievement": {
                "id": certificate.verification_url,
                "type": ["Achievement"],
                "name": certificate.title,
                "description": certificate.wording.get("text", ""),
                "criteria": {
                    "narrative": f"Обучение в объёме {certificate.hours} академических часов."
                },
            },
        },
        "credentialStatus": {"id": certificate.verification_url, "type": "VerificationPage"},
        "identifier": certificate.number,
    }


def signed_credential(certificate):
    document = unsigned_credential(certificate)
    proof = {
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-jcs-2022",
        "created": f"{certificate.issued_on.isoformat()}T00:00:00Z",
        "verificationMethod": f"{issuer_url()}#{public_key_multibase()}",
        "proofPurpose": "assertionMethod",
    }
    signature = private_key().sign(_digest(document, proof))
    return {**document, "proof": {**proof, "proofValue": "z" + base58(signature)}}


def verify(credential, public_key: Ed25519PublicKey | None = None) -> bool:
    """True when the credential's proof was made by our key over exactly this content."""
    credential = copy.deepcopy(credential or {})
    proof = credential.pop("proof", None)
    if not isinstance(proof, dict) or not str(proof.get("proofValue", "")).startswith("z"):
        return False
    signature = unbase58(proof.pop("proofValue")[1:])
    public_key = public_key or private_key().public_key()
    try:
        public_key.verify(signature, _digest(credential, proof))
    except (InvalidSignature, ValueError):
        return False
    return True
