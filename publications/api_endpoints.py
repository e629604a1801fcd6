"""The publications' endpoints: the press watch and the toolkits' tools."""

from api.registry import register_endpoint

from .api import PressItemsAPIViewSet, ToolkitToolsAPIViewSet

register_endpoint("press", PressItemsAPIViewSet)
register_endpoint("toolkit-tools", ToolkitToolsAPIViewSet)
