"""The change topic every edit touches, in a module of its own so that reading the
modules' manifests (`rrt` start-up) does not import the operations machinery."""

# Every committed edit writes the change log, so every change touches this topic.
CHANGE_LOG = "change_log"
