from django.urls import path

from . import export, views

app_name = "members"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("min-profil/", views.edit_profile, name="edit_profile"),
    path("min-profil/mina-uppgifter.json", export.export_data, name="export_data"),
    path("min-profil/radera/", views.delete_account, name="delete_account"),
    path("min-profil/kalender/", views.new_calendar_address, name="new_calendar_address"),
    path("status/", views.membership_status, name="status"),
    path("avstangd/", views.suspended, name="suspended"),
    path("<slug:slug>/", views.profile, name="profile"),
]
