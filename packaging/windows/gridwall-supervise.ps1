# GridWall under a supervisor on Windows: started by the scheduled
# task "GridWall" at the wall account's logon (GridWall-task.xml), it starts
# GridWall and starts it again whenever it exits, within limits - the same
# rules as the Linux systemd unit. A Windows service cannot be used: services
# run in session 0 and cannot show windows on the wall's displays.
# (ASCII only: Windows PowerShell 5.1 reads a script without a BOM in the
# system code page.)
param(
  [string]$Exe = (Join-Path $PSScriptRoot '..\..\GridWall.exe'),
  # At most $Burst starts within $IntervalSec seconds, then stop and say so.
  [int]$Burst = 5,
  [int]$IntervalSec = 600,
  [int]$RestartSec = 5
)
$ErrorActionPreference = 'Stop'
$logDir = Join-Path $env:APPDATA 'GridWall\logs'
New-Item -ItemType Directory -Force -Path $logDir | Out-Null
$log = Join-Path $logDir 'supervisor.log'

function Write-SupervisorLog([string]$level, [string]$event, [hashtable]$fields = @{}) {
  $entry = [ordered]@{ at = (Get-Date).ToUniversalTime().ToString('o'); level = $level; event = $event }
  foreach ($key in $fields.Keys) { $entry[$key] = $fields[$key] }
  Add-Content -Path $log -Value ($entry | ConvertTo-Json -Compress) -Encoding UTF8
}

$starts = New-Object System.Collections.Generic.List[datetime]
while ($true) {
  $now = Get-Date
  $starts.RemoveAll({ param($at) ($now - $at).TotalSeconds -gt $IntervalSec }) | Out-Null
  if ($starts.Count -ge $Burst) {
    Write-SupervisorLog 'error' 'supervisor.gaveUp' @{ starts = $starts.Count; withinSec = $IntervalSec }
    exit 1
  }
  $starts.Add($now)
  Write-SupervisorLog 'info' 'supervisor.starting' @{ exe = $Exe; attempt = $starts.Count }
  $process = Start-Process -FilePath $Exe -ArgumentList '--supervised' -PassThru -Wait
  $code = $process.ExitCode
  # Exit code 3: another GridWall is already running on this desktop.
  if ($code -eq 3) {
    Write-SupervisorLog 'warn' 'supervisor.alreadyRunning' @{ code = $code }
    exit 0
  }
  Write-SupervisorLog 'warn' 'supervisor.exited' @{ code = $code; restartInSec = $RestartSec }
  Start-Sleep -Seconds $RestartSec
}
