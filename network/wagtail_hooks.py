from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import private_files
from .models import Organisation

# Documents go only to those who may see a page that uses them (network/private_files.py).
hooks.register("before_serve_document", private_files.check_document)


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "kind", "county", "email_domain_list"]
    list_filter = ["kind", "county", "innovation_platform", "idea_sluice"]
    ordering = ["name"]
    list_per_page = 50

    def get_queryset(self, request):
        return Organisation.objects.prefetch_related("email_domains")


register_snippet(OrganisationViewSet)
