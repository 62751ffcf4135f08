#!/usr/bin/env python3
"""Sums the Surefire and Failsafe XML reports of every module (mvn -q prints none) and prints one line:
'tests: N passed, N failed, N skipped'. Exits 1 when no test ran or any failed."""
import glob
import sys
import xml.etree.ElementTree as ET

total = failed = skipped = 0
for path in glob.glob("*/target/surefire-reports/TEST-*.xml") + glob.glob("*/target/failsafe-reports/TEST-*.xml"):
    suite = ET.parse(path).getroot()
    total += int(suite.get("tests", 0))
    failed += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
    skipped += int(suite.get("skipped", 0))
passed = total - failed - skipped
print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed or total == 0 else 0)
