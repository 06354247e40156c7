namespace OpenTabletop.ServiceDefaults; internal static class Placeholder {}
