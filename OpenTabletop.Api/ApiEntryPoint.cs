namespace OpenTabletop.Api;

/// <summary>
/// Names this assembly for WebApplicationFactory; the AppHost also has a top-level Program, so
/// the tests cannot use Program to tell the two apart.
/// </summary>
public sealed class ApiEntryPoint;
