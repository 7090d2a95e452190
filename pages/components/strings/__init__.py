"""The area modules of the UI string catalogue, merged by pages.components.i18n."""
