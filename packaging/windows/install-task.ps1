# Registers the "GridWall" scheduled task for the account that runs the wall
# (default: the current one), pointing at this installation. Run once after
# installing, in PowerShell:
#   & "C:\Program Files\GridWall\resources\supervisor\install-task.ps1"
# Remove it with: Unregister-ScheduledTask -TaskName GridWall
param(
  [string]$Account = "$env:USERDOMAIN\$env:USERNAME",
  [string]$InstallDir = (Resolve-Path (Join-Path $PSScriptRoot '..\..')).Path
)
$ErrorActionPreference = 'Stop'
$xml = Get-Content -Raw -Path (Join-Path $PSScriptRoot 'GridWall-task.xml')
$xml = $xml.Replace('WALL_ACCOUNT', [System.Security.SecurityElement]::Escape($Account)).Replace('INSTALL_DIR', [System.Security.SecurityElement]::Escape($InstallDir))
Register-ScheduledTask -TaskName 'GridWall' -Xml $xml -Force | Out-Null
Write-Host "GridWall task registered: starts at logon of $Account and is restarted when it exits."
