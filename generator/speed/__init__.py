"""Speed-only machinery: nothing here changes what is produced, only how fast.

* ``fastyaml``: front-matter values read with libyaml where it reads what ruamel.yaml would.
* ``gcpause``: the cycle collector paused while thousands of long-lived objects are made.
* ``forking``: worker processes forked from this one, which die with it.

The analysis and front-matter caches (``generator.cache``) are speed-only too; a run without
them writes the same files.
"""
