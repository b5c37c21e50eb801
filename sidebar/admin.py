"""Staff pages for the sidebar blocks: the town map, songs and website links."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.images import preview_html
from core.uploads import UploadsLeaveNothingOnFailure

from .models import Song, TownMap, WebsiteLink


class SidebarBlockAdmin(UploadsLeaveNothingOnFailure, admin.ModelAdmin):
    list_display = ["title", "order", "is_shown"]
    list_editable = ["order", "is_shown"]
    list_filter = ["is_shown"]
    search_fields = ["title"]


@admin.register(TownMap)
class TownMapAdmin(SidebarBlockAdmin):
    list_display = ["title", "thumbnail", "order", "is_shown"]
    readonly_fields = ["map_preview"]

    @admin.display(description=_("Ảnh"))
    def thumbnail(self, town_map):
        return preview_html(town_map.preview, 80)

    @admin.display(description=_("Xem trước"))
    def map_preview(self, town_map):
        return preview_html(town_map.preview, 320)


@admin.register(Song)
class SongAdmin(SidebarBlockAdmin):
    list_display = ["title", "performer", "player", "order", "is_shown"]
    search_fields = ["title", "performer"]

    @admin.display(description=_("Nghe thử"))
    def player(self, song):
        return format_html('<audio controls preload="none" src="{}"></audio>', song.audio.url)


@admin.register(WebsiteLink)
class WebsiteLinkAdmin(SidebarBlockAdmin):
    list_display = ["title", "url", "order", "is_shown"]
    search_fields = ["title", "url"]
