# Shell Launcher v1 (WMI): the kiosk user's shell is Một cửa kiosk; everyone else keeps Explorer.
# Run elevated on Windows 10/11 Enterprise, Education or IoT Enterprise.
param(
  [string]$KioskUser = 'kiosk',
  [string]$Shell = "$env:ProgramFiles\Một cửa kiosk\mot-cua-kiosk.exe"
)
$ErrorActionPreference = 'Stop'

Enable-WindowsOptionalFeature -Online -FeatureName Client-EmbeddedShellLauncher -All -NoRestart | Out-Null

$launcher = [wmiclass]'\\.\root\standardcimv2\embedded:WESL_UserSetting'
$sid = (New-Object System.Security.Principal.NTAccount($KioskUser)).Translate([System.Security.Principal.SecurityIdentifier]).Value

# Exit action 0 = restart the shell when it exits (1 = restart the device, 2 = shut down, 3 = nothing).
$restartShell = 0
$launcher.SetDefaultShell('explorer.exe', $restartShell) | Out-Null
try { $launcher.RemoveCustomShell($sid) | Out-Null } catch { }
$launcher.SetCustomShell($sid, "`"$Shell`"", $null, $null, $restartShell) | Out-Null
$launcher.SetEnabled($true) | Out-Null

Write-Output "Shell Launcher: $KioskUser -> $Shell. Sign out and back in as $KioskUser."
