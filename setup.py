"""Build configuration that pyproject.toml cannot express on its own.

The design keeps `resources/` and `docs/` at the top of the repository, but an installed
copy needs them inside the package. pyproject.toml can either discover packages or list
them, not both, so discovery plus the two mapped data packages lives here; everything
else (metadata, dependencies, package data) stays in pyproject.toml.
"""

from setuptools import find_namespace_packages, setup

# Installed as app/_resources and app/_docs; app/paths.py looks there.
DATA_PACKAGES = {"app._resources": "resources", "app._docs": "docs"}

setup(
    # Namespace discovery: a module's migrations/versions folder needs no __init__.py.
    packages=[*find_namespace_packages(include=["app", "app.*"]), *DATA_PACKAGES],
    package_dir=DATA_PACKAGES,
)
