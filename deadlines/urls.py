from django.urls import path

from . import views

app_name = "deadlines"

urlpatterns = [
    path("", views.deadline_list, name="list"),
    path("vandaag/", views.today, name="today"),
    path("meldingen/", views.notification_list, name="notifications"),
    path("meldingen/gelezen/", views.notification_read, name="notifications_read_all"),
    path("meldingen/<int:pk>/gelezen/", views.notification_read, name="notification_read"),
    path("agenda/", views.calendar, name="calendar"),
    path("agenda/<str:token>.ics", views.ical_feed, name="ical"),
    path("dossier/<int:pk>/", views.case_deadlines, name="case"),
    path("dossier/<int:pk>/uwv-datum/", views.uwv_date, name="uwv_date"),
    path("<int:pk>/afronden/", views.deadline_complete, name="complete"),
]
