#!/usr/bin/env python3
"""Build AMI Catalog's bundled demo catalog from real public AMI data.

Usage (from the repository root; Python 3 standard library only, no network):

    python3 tools/make_demo_catalog.py [DATA_DIR]

DATA_DIR defaults to ../shared/data relative to the repository root and must hold
moto-amis/ and fedora-coreos-amis/ (see their PROVENANCE.md files). The script
(re)writes src/main/resources/demo/:

    <region>.json.gz    {"Images": [...]} in the `aws ec2 describe-images --output json`
                        shape, images sorted by ImageId, keys sorted, gzip mtime 0
                        (byte-for-byte reproducible)
    manifest.json       {"asOf", "regions", "images", "history"}: "history" is the Fedora
                        CoreOS release table the demo replays as successive syncs (see
                        sync/DemoCatalog.java and PROVENANCE.md)
    PROVENANCE.md       sources, derived fields, counts, licences
    LICENSE-moto-Apache-2.0.txt, COPYING-fedora-coreos-streams.txt   (copied)
"""
import csv
import datetime as dt
import gzip
import json
import re
import shutil
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "src" / "main" / "resources" / "demo"

FEDORA_OWNER = "125523088429"  # Fedora's AWS account (documented by Fedora, not in the data)
MOTO_REF = "tag `5.2.1`, commit `543c687a2301fe1982da96f815d603c17b37a45c`"
FCOS_REF = "commit `23ca7362ede3ac3504868ff1e52b791ee4e0f6e3` (2026-07-21)"
AMIS_JSON_FALLBACK = "2017-01-01"  # amis.json is moto's 2017-era "free tier" set
# moto puts amis.json's 44 records into every region with the same ids; an AMI id lives in one
# region. moto's scripts/get_amis.py made the "getting-started" ones with DescribeImages in
# eu-west-1, so they go there; the other records name no region and go to moto's default region.
AMIS_JSON_REGIONS = {"amazon/getting-started": "eu-west-1"}
AMIS_JSON_DEFAULT_REGION = "us-east-1"
# Records of amis.json whose ids AWS could not have given (not ami- and 8 or 17 hex digits):
# moto's own test fixtures. Kept (one carries the demo's only product code), and said so.
AMI_ID = re.compile(r"ami-(?:[0-9a-f]{8}|[0-9a-f]{17})")
DERIVED_NOTE = "demo: derived from the stream files"
DERIVED_EXPLANATION = ("This Fedora CoreOS release stopped being its stream's current release when the next one"
                       " was first listed; the demo marks its images deprecated from then. Fedora's real"
                       " deprecation time for the image is not in the data.")
LICENCE_FILES = ["moto-amis/LICENSE-moto-Apache-2.0.txt",
                 "fedora-coreos-amis/COPYING-fedora-coreos-streams.txt"]


def valid_date(y, m, d):
    try:
        return dt.date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def name_date(name):
    """Date stamp in an image name as 'YYYY-MM-DD', or None.

    Tried in order: an 8-digit YYYYMMDD (2.0.20250422, 2023.0.20241108, 20240501,
    v20170907), a dotted YYYY.MM.DD (Windows_Server-...-2017.10.13), and finally the
    Amazon Linux AMI release 'YYYY.MM.<letter>' (amzn-ami-2018.03.a-amazon-ecs-optimized),
    whose version number is its release month, giving the 1st of that month.
    """
    for m in re.finditer(r"(?<!\d)((?:19|20)\d\d)(\d\d)(\d\d)(?!\d)", name):
        if (d := valid_date(*m.groups())):
            return d
    for m in re.finditer(r"(?<![\d.])(20\d\d)\.(\d\d)\.(\d\d)(?![\d])", name):
        if (d := valid_date(*m.groups())):
            return d
    if (m := re.search(r"(?<!\d)(20\d\d)\.(\d\d)\.[a-z](?![a-z0-9])", name)):
        return valid_date(m[1], m[2], 1)
    return None


def aws_date(day):
    return day + "T00:00:00.000Z"


def base_image(image_id, name, description, owner, arch, windows, virt):
    """Fields shared by both sources, in describe-images shape."""
    img = {
        "ImageId": image_id, "Name": name, "Description": description, "OwnerId": owner,
        "Architecture": arch, "Public": True, "State": "available", "ImageType": "machine",
        "VirtualizationType": virt,
        "PlatformDetails": "Windows" if windows else "Linux/UNIX",
        # Billing code AWS reports for plain Linux vs Windows (license-included) AMIs.
        "UsageOperation": "RunInstances:0002" if windows else "RunInstances",
    }
    if windows:
        img["Platform"] = "windows"
    if virt == "hvm":
        img["EnaSupport"] = True
    if arch == "arm64":
        img["BootMode"] = "uefi"  # Graviton instances only boot UEFI
    return img


def from_moto(rec, fallback_day):
    windows = rec.get("platform") == "windows"  # a few amis.json records say "Linux/UNIX"
    img = base_image(rec["ami_id"], rec["name"], rec["description"], rec["owner_id"],
                     rec["architecture"], windows, rec["virtualization_type"])
    img.update({
        "ImageOwnerAlias": "amazon",
        "Hypervisor": rec["hypervisor"],
        "RootDeviceType": rec["root_device_type"],
        "RootDeviceName": rec["root_device_name"],
        "ImageLocation": rec.get("image_location") or "amazon/" + rec["name"],
        "CreationDate": aws_date(name_date(rec["name"]) or fallback_day),
    })
    if rec.get("sriov") == "simple":
        img["SriovNetSupport"] = "simple"
    if rec.get("product_codes"):
        # moto stores bare codes and reports them as marketplace codes.
        img["ProductCodes"] = [{"ProductCodeId": c, "ProductCodeType": "marketplace"}
                               for c in rec["product_codes"]]
    if rec.get("tags"):
        img["Tags"] = [{"Key": k, "Value": v} for k, v in sorted(rec["tags"].items())]
    return img


def from_fcos(row):
    arch = "arm64" if row["arch"] == "aarch64" else row["arch"]
    name = f"fedora-coreos-{row['release']}-{row['arch']}"
    img = base_image(row["image_id"], name, f"Fedora CoreOS {row['stream']} {row['release']}",
                     FEDORA_OWNER, arch, False, "hvm")
    listed = dt.datetime.fromisoformat(row["first_listed"]).astimezone(dt.timezone.utc)
    img.update({
        "Hypervisor": "xen", "RootDeviceType": "ebs", "RootDeviceName": "/dev/xvda",
        "SriovNetSupport": "simple", "ImageLocation": f"{FEDORA_OWNER}/{name}",
        "CreationDate": listed.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
    })
    if arch == "x86_64":
        img["BootMode"] = "uefi-preferred"  # FCOS x86_64 images boot BIOS or UEFI
    return img


def load(data):
    """Return ({region: [image]}, {region: Counter(source)}, notes)."""
    images, counts, undated = defaultdict(list), defaultdict(Counter), Counter()
    moto = data / "moto-amis"
    regions = sorted(p.stem for p in (moto / "latest_amis").glob("*.json"))
    shared = json.loads((moto / "amis.json").read_text())
    per_region = [("latest_amis", "latest_amis"), ("ecs_optimized_amis", "ecs_optimized_amis")]
    for region in regions:
        mine = [r for r in shared if amis_json_region(r) == region]
        sources = [("amis.json", mine)] + [
            (label, json.loads((moto / d / f"{region}.json").read_text())) for label, d in per_region]
        for label, recs in sources:
            for rec in recs:
                # No date stamp: amis.json is 2017-era; the per-region files always have
                # one (checked below), so their fallback is never used.
                if not name_date(rec["name"]):
                    undated[label] += 1
                images[region].append(from_moto(rec, AMIS_JSON_FALLBACK))
                counts[region][label] += 1
    with open(data / "fedora-coreos-amis" / "aws-amis-history.csv", newline="") as f:
        for row in csv.DictReader(f):
            images[row["region"]].append(from_fcos(row))
            counts[row["region"]]["fcos"] += 1
    assert set(undated) <= {"amis.json"}, f"undated per-region moto images: {undated}"
    return images, counts, undated


def amis_json_region(rec):
    """The one region an amis.json record is put in (moto puts it in all of them)."""
    return AMIS_JSON_REGIONS.get(rec.get("image_location"), AMIS_JSON_DEFAULT_REGION)


def utc(text):
    t = dt.datetime.fromisoformat(text).astimezone(dt.timezone.utc)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def fcos_history(data):
    """The release table the demo replays: per release its stream, when the stream files first
    listed it, and when the stream moved on to its next release ("left"; absent for a release
    the stream's current file still lists). Checked against stream-*.json: exactly the images
    those files list are the ones never left."""
    fcos = data / "fedora-coreos-amis"
    with open(fcos / "aws-amis-history.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    listed = {}
    for row in rows:
        listed.setdefault((row["stream"], row["release"]), set()).add(utc(row["first_listed"]))
    assert all(len(t) == 1 for t in listed.values()), "a release first listed at two times"
    releases = {}
    for stream in sorted({s for s, _ in listed}):
        ordered = sorted((next(iter(t)), r) for (s, r), t in listed.items() if s == stream)
        for i, (at, release) in enumerate(ordered):
            entry = {"stream": stream, "listed": at}
            if i + 1 < len(ordered):
                entry["left"] = ordered[i + 1][0]
            releases[release] = entry
    current = set()
    for path in sorted(fcos.glob("stream-*.json")):
        for arch in json.loads(path.read_text())["architectures"].values():
            for region in arch.get("images", {}).get("aws", {}).get("regions", {}).values():
                current.add(region["image"])
    never_left = {row["image_id"] for row in rows if "left" not in releases[row["release"]]}
    assert never_left == current, "the releases never left differ from the current stream files"
    return {"ownerId": FEDORA_OWNER, "namePrefix": "fedora-coreos-", "derived": ["DeprecationTime"],
            "note": DERIVED_NOTE, "explanation": DERIVED_EXPLANATION, "releases": dict(sorted(releases.items()))}, len(rows) - len(current)


def write_region(path, images):
    images.sort(key=lambda i: i["ImageId"])
    ids = [i["ImageId"] for i in images]
    assert len(ids) == len(set(ids)), f"duplicate ImageId in {path.name}"
    body = json.dumps({"Images": images}, sort_keys=True, indent=4, ensure_ascii=False) + "\n"
    # gzip.compress writes no file name and the given mtime, so output is reproducible.
    path.write_bytes(gzip.compress(body.encode("utf-8"), compresslevel=9, mtime=0))


def provenance(images, counts, undated, as_of, history, deprecated):
    cols = ["amis.json", "latest_amis", "ecs_optimized_amis", "fcos"]
    tot = Counter()
    for c in counts.values():
        tot.update(c)
    total = sum(tot.values())
    rows = "\n".join(f"| {r} | " + " | ".join(f"{counts[r][c]:,}" for c in cols)
                     + f" | {sum(counts[r].values()):,} |" for r in sorted(counts))
    rows += "\n| **total** | " + " | ".join(f"**{tot[c]:,}**" for c in cols) + f" | **{total:,}** |"
    moto_regions = sum(1 for r in counts if counts[r]["latest_amis"])
    amis_json_regions = ", ".join(f"`{r}` {counts[r]['amis.json']}" for r in sorted(counts) if counts[r]["amis.json"])
    fixtures = sorted(i["ImageId"] for r in images.values() for i in r
                      if i.get("ImageOwnerAlias") == "amazon" and not AMI_ID.fullmatch(i["ImageId"]))
    releases = history["releases"]
    steps = len({e["listed"] for e in releases.values()})
    left = sum(1 for e in releases.values() if "left" in e)
    return f"""# Demo catalog (bundled sample data)

What this is: the AMI records AMI Catalog loads in demo mode, one file per region
(`<region>.json.gz`, gzip of `{{"Images": [...]}}` in the exact shape of
`aws ec2 describe-images --output json`). All image ids are real public AMIs published by
Amazon or by Fedora (except {len(fixtures)} test fixtures of moto's, below); some older ones have
since been deregistered in AWS. Each image id is in one region only, as in AWS. Generated by
`tools/make_demo_catalog.py` (deterministic: keys sorted, images sorted by `ImageId`, gzip
mtime 0); do not edit by hand.

**As of {as_of}** (newest date in the data: the Fedora CoreOS streams snapshot).

## Sources
| source | reference | licence | used as |
| --- | --- | --- | --- |
| [getmoto/moto](https://github.com/getmoto/moto) `moto/ec2/resources/amis.json`, `latest_amis/<region>.json`, `ecs/optimized_amis/<region>.json` | {MOTO_REF} | Apache-2.0, copyright the moto authors (`LICENSE-moto-Apache-2.0.txt`) | Amazon images (owner alias `amazon`); each `amis.json` record in one region (below), the per-region files in their region |
| [coreos/fedora-coreos-streams](https://github.com/coreos/fedora-coreos-streams) `streams/{{stable,testing,next}}.json`, every committed version | {FCOS_REF} | MIT, "Copyright 2019 Fedora CoreOS Authors" (`COPYING-fedora-coreos-streams.txt`) | Fedora CoreOS images, one per row of the derived `aws-amis-history.csv` (image_id, region, arch, release, stream, first_listed) |

Only data was taken from these projects, no code.

## One region per image id
moto preloads `amis.json` into every region with the same ids; in AWS an AMI id belongs to one
region. The demo puts each `amis.json` record in one region: the 34 "getting-started" records
(`ImageLocation` `amazon/getting-started`) in `eu-west-1`, because moto's `scripts/get_amis.py`
fetched them with DescribeImages in eu-west-1; the other 10 name no region and go to moto's default
region, `{AMIS_JSON_DEFAULT_REGION}`. So: {amis_json_regions}. {len(fixtures)} of those records are moto's own test
fixtures with ids AWS could not have given ({", ".join(f"`{f}`" for f in fixtures)}); they are kept
(one carries the demo's only product code) and are not real images.

## History and derived deprecations
`manifest.json` holds `history`: the Fedora CoreOS release table, {len(releases):,} releases with
their stream, `listed` (when the stream files first listed the release: the `first_listed` of its
rows, in UTC) and `left` (when the stream moved on: the `listed` of the stream's next release; absent
for the {len(releases) - left} releases the current `stream-*.json` files still list). When the demo loads
(`sync/DemoCatalog.java`, `sync/DemoHistory.java`), it imports every image in one run, then writes the
history a catalog would hold had it synced at each of the {steps} changes of the streams: each Fedora
CoreOS image `appeared` at its release's `listed`, and, if the release left its stream, was
`deprecated` at its `left`, with `DeprecationTime` = `left`. That deprecation is **derived**
(Fedora's real deprecation times are not in the data), and every page that shows it says so:
"{DERIVED_NOTE}: {DERIVED_EXPLANATION}" {deprecated:,} of the {tot["fcos"]:,} Fedora CoreOS images are deprecated this way; the
{tot["fcos"] - deprecated} images of the streams' current files are not. No removal is derived: which old AMIs Fedora
has deregistered is not in the data. The Amazon images have no history (the data says nothing of
when they appeared); their first seen time is the time the demo was loaded.

## Fields
Copied from moto (snake_case to PascalCase): `ImageId`, `Name`, `Description`, `OwnerId`,
`Architecture`, `State`, `ImageType`, `Public`, `RootDeviceType`, `RootDeviceName`,
`VirtualizationType`, `Hypervisor`, `SriovNetSupport` (`sriov`), `Platform` (only `windows`; moto's
`Linux/UNIX`/null is omitted as AWS does), `ImageLocation` (amis.json only),
`ProductCodes` (one amis.json record, a fixture; `ProductCodeType` is `marketplace`, as moto reports it),
`Tags` (always empty in the source, so never present).

Derived:
- `ImageOwnerAlias`: `amazon` for every moto image (moto's own setting); absent for Fedora.
- `PlatformDetails` / `UsageOperation`: `Windows` / `RunInstances:0002` when `Platform` is
  `windows`, else `Linux/UNIX` / `RunInstances`.
- `EnaSupport`: `true` for `hvm` images; absent for the {sum(1 for r in images.values() for i in r if i["VirtualizationType"] != "hvm"):,} paravirtual ones.
- `BootMode`: `uefi` for every arm64 image; `uefi-preferred` for Fedora CoreOS x86_64; absent
  (unknown) for Amazon x86_64.
- `ImageLocation` when the source has none: `amazon/<Name>` (moto), `{FEDORA_OWNER}/<Name>` (Fedora).
- `CreationDate` (moto has none): the date stamp in the name, at `T00:00:00.000Z`: an 8-digit
  `YYYYMMDD` (`amzn2-ami-hvm-2.0.20250414.0`, `al2023-...-2023.0.20241108`, `...-20240501`),
  else a dotted `YYYY.MM.DD` (`Windows_Server-...-2017.10.13`), else for Amazon Linux AMI
  letter releases (`amzn-ami-2018.03.a-amazon-ecs-optimized`) the 1st of the release month
  `YYYY.MM` (that version number is the release month). Names with no stamp at all
  ({undated["amis.json"]} of the 44 amis.json records, e.g. `amazon-eks-node-linux`,
  `Deep Learning AMI Amazon Linux - 3.3_Oct2017`) get `{AMIS_JSON_FALLBACK}T00:00:00.000Z`,
  since that set is 2017-era. Every latest/ECS image name carries a stamp.
- Fedora CoreOS: `OwnerId` `{FEDORA_OWNER}` (Fedora's AWS account), `Name`
  `fedora-coreos-<release>-<x86_64|aarch64>`, `Description` `Fedora CoreOS <stream> <release>`,
  `Architecture` `aarch64` mapped to `arm64`, `CreationDate` = `first_listed` (commit date of the
  first streams version that listed the image) converted to UTC, and the constants
  `RootDeviceName` `/dev/xvda`, `RootDeviceType` `ebs`, `VirtualizationType` `hvm`,
  `Hypervisor` `xen`, `EnaSupport` true, `SriovNetSupport` `simple`.

Not present (not in the sources, never invented): `BlockDeviceMappings`, snapshot ids,
`DeprecationTime` (the history above derives one at load time; it is not in these files),
`KernelId`, `RamdiskId`, `TpmSupport`, `ImdsSupport`. No `Region` key: the region is the file name.

## Counts
{len(counts)} regions, {total:,} images: moto amis.json {tot["amis.json"]:,} (each once),
latest_amis {tot["latest_amis"]:,}, ecs_optimized_amis {tot["ecs_optimized_amis"]:,} ({moto_regions} regions),
Fedora CoreOS {tot["fcos"]:,}. Regions without moto data hold Fedora CoreOS images only.

| region | amis.json | latest_amis | ecs_optimized_amis | Fedora CoreOS | total |
| --- | ---: | ---: | ---: | ---: | ---: |
{rows}
"""


def main():
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared" / "data"
    images, counts, undated = load(data)
    history, deprecated = fcos_history(data)
    as_of = max(i["CreationDate"][:10] for r in images.values() for i in r)
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.json.gz"):
        old.unlink()
    for region, imgs in images.items():
        write_region(OUT / f"{region}.json.gz", imgs)
    total = sum(len(v) for v in images.values())
    manifest = {"asOf": as_of, "regions": sorted(images), "images": total, "history": history}
    (OUT / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    (OUT / "PROVENANCE.md").write_text(provenance(images, counts, undated, as_of, history, deprecated))
    for lic in LICENCE_FILES:
        shutil.copyfile(data / lic, OUT / Path(lic).name)
    print(f"wrote {len(images)} regions, {total:,} images to {OUT} (as of {as_of})")


if __name__ == "__main__":
    main()
