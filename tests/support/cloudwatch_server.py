#!/usr/bin/python3
"""A stand-in for Amazon CloudWatch's GetMetricData, for the collector's tests.

    cloudwatch_server.py --dir DIR --cert CERT --key KEY --access-key ID --secret SECRET
                         --region REGION --data DATA.json
    cloudwatch_server.py --self-test

Serves HTTPS on 127.0.0.1 on a free port and writes the port to DIR/port once
it accepts connections. Every request must be signed with AWS Signature
Version 4 for the service "monitoring" in REGION with the given access key:
the signature is recomputed here, independently of the client (the canonical
request, the string to sign and the HMAC-SHA256 key derivation written out
below from AWS's documentation), and a request whose signature does not match
is answered 403 with an InvalidSignatureException, as CloudWatch answers.

A signed request is the JSON protocol's GetMetricData (POST /, Content-Type
application/x-amz-json-1.0, X-Amz-Target GraniteServiceVersion20100801.
GetMetricData); the answer is {"MetricDataResults": [{"Id", "Label",
"StatusCode", "Timestamps", "Values"}], "Messages": []} with, for each query,
the points DATA.json gives for its MetricName and its DBInstanceIdentifier
dimension: {"<db instance id>": {"CPUUtilization": [[epoch_s, value], ...]}},
newest first (ScanBy TimestampDescending) within StartTime..EndTime.
Each request is appended to DIR/requests.log as one JSON line (headers and
body, as received). Stops on SIGTERM.

--self-test checks the verifier against AWS's published SigV4 test suite
(aws-sig-v4-test-suite, the get-vanilla family) and exits 0 when all pass.
"""
import argparse
import calendar
import hashlib
import hmac
import json
import os
import signal
import ssl
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ALGORITHM = "AWS4-HMAC-SHA256"
SERVICE = "monitoring"
TARGET = "GraniteServiceVersion20100801.GetMetricData"


# ---- Signature Version 4, from AWS's documentation ---------------------------

def _encode(text):
    # URI-encode every byte except the unreserved characters A-Z a-z 0-9 - _ . ~
    return urllib.parse.quote(text, safe="-_.~")


def canonical_query(query):
    """Parameters decoded, then each name and value encoded, sorted by name then value."""
    if not query:
        return ""
    pairs = []
    for part in query.split("&"):
        name, _, value = part.partition("=")
        pairs.append((_encode(urllib.parse.unquote(name)), _encode(urllib.parse.unquote(value))))
    pairs.sort()
    return "&".join(n + "=" + v for n, v in pairs)


def canonical_uri(path):
    """Each segment of the absolute path encoded once; an empty path is "/"."""
    if not path:
        return "/"
    return "/".join(_encode(urllib.parse.unquote(segment)) for segment in path.split("/"))


def canonical_headers(headers, signed):
    """headers: (name, value) pairs as received. Lower-case names; values trimmed,
    inner runs of spaces collapsed, repeated names joined by commas in order."""
    values = {}
    for name, value in headers:
        values.setdefault(name.lower(), []).append(" ".join(value.split()))
    return "".join(name + ":" + ",".join(values.get(name, [])) + "\n" for name in signed)


def canonical_request(method, path, query, headers, signed, payload):
    return "\n".join([method, canonical_uri(path), canonical_query(query), canonical_headers(headers, signed),
                      ";".join(signed), hashlib.sha256(payload).hexdigest()])


def signing_key(secret, date, region, service):
    key = ("AWS4" + secret).encode()
    for part in (date, region, service, "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    return key


def signature(secret, amz_date, region, service, creq):
    scope = "/".join([amz_date[:8], region, service, "aws4_request"])
    string_to_sign = "\n".join([ALGORITHM, amz_date, scope, hashlib.sha256(creq.encode()).hexdigest()])
    return hmac.new(signing_key(secret, amz_date[:8], region, service), string_to_sign.encode(),
                    hashlib.sha256).hexdigest()


def parse_authorization(value):
    """'AWS4-HMAC-SHA256 Credential=.., SignedHeaders=.., Signature=..' -> dict, or None."""
    if not value or not value.startswith(ALGORITHM + " "):
        return None
    fields = {}
    for item in value[len(ALGORITHM) + 1:].split(","):
        name, _, v = item.strip().partition("=")
        fields[name] = v
    if not {"Credential", "SignedHeaders", "Signature"} <= fields.keys():
        return None
    return fields


def verify(method, target, headers, payload, keys, region, service, now=None):
    """None when the request is signed correctly; else why not. keys: {access key: secret}."""
    header = {}
    for name, value in headers:
        header.setdefault(name.lower(), value)
    auth = parse_authorization(header.get("authorization"))
    if auth is None:
        return "no AWS4-HMAC-SHA256 Authorization header"
    credential = auth["Credential"].split("/")
    if len(credential) != 5 or credential[4] != "aws4_request":
        return "malformed Credential"
    access_key, date, cred_region, cred_service = credential[:4]
    if access_key not in keys:
        return "unknown access key"
    if cred_region != region or cred_service != service:
        return "credential scope %s/%s is not %s/%s" % (cred_region, cred_service, region, service)
    amz_date = header.get("x-amz-date", "")
    if amz_date[:8] != date:
        return "X-Amz-Date does not match the credential's date"
    signed = auth["SignedHeaders"].split(";")
    if signed != sorted(signed) or "host" not in signed or "x-amz-date" not in signed:
        return "SignedHeaders must be sorted and include host and x-amz-date"
    if now is not None:
        stamp = calendar.timegm(time.strptime(amz_date, "%Y%m%dT%H%M%SZ"))
        if abs(stamp - now) > 15 * 60:
            return "request time too skewed"
    path, _, query = target.partition("?")
    creq = canonical_request(method, path, query, headers, signed, payload)
    expected = signature(keys[access_key], amz_date, region, service, creq)
    if not hmac.compare_digest(expected, auth["Signature"]):
        return "signature mismatch"
    return None


# ---- AWS's test vectors ------------------------------------------------------

SUITE_KEYS = {"AKIDEXAMPLE": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"}
SUITE_DATE = "20150830T123600Z"
SUITE_HOST = "example.amazonaws.com"
# (name, method, target, extra headers, body, signed headers, signature): the
# aws-sig-v4-test-suite's cases for region us-east-1, service "service".
SUITE = [
    ("get-vanilla", "GET", "/", [], b"", "host;x-amz-date",
     "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
    ("get-vanilla-query-order-key-case", "GET", "/?Param2=value2&Param1=value1", [], b"", "host;x-amz-date",
     "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"),
    ("get-vanilla-query-order-value", "GET", "/?Param1=value2&Param1=value1", [], b"", "host;x-amz-date",
     "5772eed61e12b33fae39ee5e7012498b51d56abc0abb7c60486157bd471c4694"),
    ("get-unreserved", "GET", "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", [], b"",
     "host;x-amz-date", "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f"),
]


def self_test():
    failures = 0
    for name, method, target, extra, body, signed, sig in SUITE:
        headers = [("Host", SUITE_HOST), ("X-Amz-Date", SUITE_DATE)] + extra
        auth = "%s Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=%s, Signature=%s" % (
            ALGORITHM, signed, sig)
        good = verify(method, target, headers + [("Authorization", auth)], body, SUITE_KEYS, "us-east-1", "service")
        # The same request with one hex digit of the signature changed must fail.
        bad_sig = sig[:-1] + ("0" if sig[-1] != "0" else "1")
        bad = verify(method, target, headers + [("Authorization", auth.replace(sig, bad_sig))], body, SUITE_KEYS,
                     "us-east-1", "service")
        ok = good is None and bad == "signature mismatch"
        failures += not ok
        print("%s %s%s" % ("ok  " if ok else "FAIL", name, "" if ok else " (%s / %s)" % (good, bad)))
    return failures == 0


# ---- the server --------------------------------------------------------------

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/x-amz-json-1.0")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        cfg = self.server.cfg
        length = int(self.headers.get("Content-Length", "0"))
        payload = self.rfile.read(length)
        headers = list(self.headers.items())
        with cfg["lock"]:
            with open(os.path.join(cfg["dir"], "requests.log"), "a") as log:
                log.write(json.dumps({"path": self.path, "headers": headers,
                                      "body": payload.decode(errors="replace")}) + "\n")
        why = verify("POST", self.path, headers, payload, cfg["keys"], cfg["region"], SERVICE, now=time.time())
        if why is not None:
            self.answer(403, {"__type": "com.amazon.coral.service#InvalidSignatureException",
                              "message": "The request signature we calculated does not match the signature you "
                                         "provided (%s)." % why})
            return
        if self.headers.get("X-Amz-Target") != TARGET:
            self.answer(400, {"__type": "com.amazon.coral.service#UnknownOperationException",
                              "message": "unknown operation %s" % self.headers.get("X-Amz-Target")})
            return
        try:
            request = json.loads(payload)
            start, end = float(request["StartTime"]), float(request["EndTime"])
            results = []
            for q in request["MetricDataQueries"]:
                metric = q["MetricStat"]["Metric"]
                dims = {d["Name"]: d["Value"] for d in metric.get("Dimensions", [])}
                if metric.get("Namespace") != "AWS/RDS":
                    raise ValueError("namespace %s" % metric.get("Namespace"))
                points = cfg["data"].get(dims.get("DBInstanceIdentifier", ""), {}).get(metric["MetricName"], [])
                points = sorted((p for p in points if start <= p[0] <= end), key=lambda p: -p[0])
                results.append({"Id": q["Id"], "Label": metric["MetricName"], "StatusCode": "Complete",
                                "Timestamps": [p[0] for p in points], "Values": [p[1] for p in points]})
        except (KeyError, TypeError, ValueError) as e:
            self.answer(400, {"__type": "com.amazonaws.cloudwatch#InvalidParameterValueException",
                              "message": "bad GetMetricData request: %s" % e})
            return
        self.answer(200, {"MetricDataResults": results, "Messages": []})


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--self-test", action="store_true")
    p.add_argument("--dir")
    p.add_argument("--cert")
    p.add_argument("--key")
    p.add_argument("--access-key")
    p.add_argument("--secret")
    p.add_argument("--region")
    p.add_argument("--data")
    a = p.parse_args()
    if a.self_test:
        sys.exit(0 if self_test() else 1)
    with open(a.data) as f:
        data = json.load(f)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.cfg = {"dir": a.dir, "keys": {a.access_key: a.secret}, "region": a.region, "data": data,
                  "lock": threading.Lock()}
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(a.cert, a.key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    tmp = os.path.join(a.dir, "port.tmp")
    with open(tmp, "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(tmp, os.path.join(a.dir, "port"))
    server.serve_forever()


if __name__ == "__main__":
    main()
