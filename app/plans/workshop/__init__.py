"""The workshop pack: the facilitator's Word pack, the A3 action plan and the tracker."""
