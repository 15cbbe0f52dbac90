# contrib: the systemd unit, a sample startup-config, install hooks.
