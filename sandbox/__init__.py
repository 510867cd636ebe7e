"""Embedded system under test: the Parallels account portal and a device simulator."""
