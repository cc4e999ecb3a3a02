//! Whether a process is still running: a temporary file or folder whose writer is gone is debris that the
//! next run may remove; one whose writer runs is not.

/// Whether process `pid` exists (on other systems than Unix: assumed to, so nothing is removed).
#[cfg(unix)]
pub fn alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    if pid <= 0 {
        return false;
    }
    // Signal 0 only checks that the process exists; EPERM means it exists but belongs to another user.
    let sent = unsafe { libc::kill(pid, 0) };
    sent == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(not(unix))]
pub fn alive(_pid: u32) -> bool {
    true
}

/// Whether `pid`, read from a debris file's name, is another process that is gone: what the two debris
/// cleaners (single-file writes, report folders) both ask before removing anything.
pub fn writer_gone(pid: &str) -> bool {
    pid.parse::<u32>()
        .is_ok_and(|p| p != std::process::id() && !alive(p))
}

#[cfg(test)]
mod tests {
    #[test]
    fn this_process_is_alive_and_an_impossible_one_is_not() {
        assert!(super::alive(std::process::id()));
        // Linux pids are below 2^22.
        assert!(!super::alive(0x7fff_fffe));
        assert!(!super::alive(0));
    }
}
