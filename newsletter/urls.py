from django.urls import path

from . import views

app_name = "newsletter"

urlpatterns = [
    path("inscription/", views.subscribe, name="subscribe"),
    path("inscription/envoyee/", views.subscribe_done, name="subscribe_done"),
    path("confirmer/<str:token>/", views.confirm_subscription, name="confirm"),
    path("desinscription/<str:token>/", views.unsubscribe_view, name="unsubscribe"),
    path("preferences/<str:token>/", views.preferences, name="preferences"),
]
